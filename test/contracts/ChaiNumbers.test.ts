/** After a network connection, chai's `closeTo` still works on plain numbers (see helpers/network.ts). */
import { AssertionError, expect } from "chai";
import { createNetwork } from "./helpers/network.js";

await createNetwork();

describe("chai closeTo with a network connection open", function () {
  it("compares plain numbers as chai does, and bigints as the plugin does", function () {
    expect(1.4).to.be.closeTo(1.4 + 1e-12, 1e-9);
    expect(0.8451542547285166).to.be.approximately(0.845154, 1e-6);
    expect(() => expect(1.4).to.be.closeTo(1.5, 0.01)).to.throw(AssertionError, /close to 1.5/);
    expect(() => expect(1.4).not.to.be.closeTo(1.4, 0.01)).to.throw(AssertionError);
    expect(10n ** 18n).to.be.closeTo(10n ** 18n + 5n, 10n);
    expect(() => expect(10n ** 18n).to.be.closeTo(10n ** 18n + 50n, 10n)).to.throw(AssertionError);
  });
});
