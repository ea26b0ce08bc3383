/**
 * The environment (sim/env) as the harness will drive it:
 *   flips ─ P = min(1, w/thr) (1 whenever attempted), checked at multiples of flip_interval only;
 *           weighted reset; flipped agents draw no loss and are never targeted again
 *   purge ─ a flip purges the unsold kompromat about the target (and, switched on, the engineer's secrets)
 *   listings ─ ids 1, 2, … over both kinds in generation order
 *   offers ─ only what some pool could buy; none when no pool's value factor reaches 5; asks in
 *            (5, 15)·amount·potency; the same set whichever index answers the query
 *   detail ─ "full" (harness) and "lean" (model) give the same events
 *   misuse ─ steps out of order, offers before a step, selling twice: clear errors
 */
import { expect } from "chai";
import { Environment, MIN_ASK_FACTOR, flipProbability, type PoolMarketView } from "../../sim/env/environment.js";
import { KIND_ENGINEERING, KIND_KOMPROMAT, LISTING_UNSOLD, Listings } from "../../sim/env/listings.js";
import { MarketBook } from "../../sim/env/market-book.js";
import { RandomStream } from "../../sim/rng/index.js";
import { defaultParams, type ModelParams } from "../../sim/params/index.js";

const noBuyers: PoolMarketView = { capital: [0, 0], engCapital: [0, 0], canBuy: [0, 0] };

function params(over: Partial<ModelParams>): ModelParams {
  return { ...defaultParams(), ...over };
}

describe("env: flips", () => {
  it("flip probability is min(1, w/threshold); under the threshold rule an attempt (w ≥ thr) always succeeds", () => {
    expect(flipProbability(19.99, 20, "threshold")).to.equal(0);
    expect(flipProbability(20, 20, "threshold")).to.equal(1);
    expect(flipProbability(35, 20, "threshold")).to.equal(1);
    expect(flipProbability(5, 20, "proportional")).to.equal(0.25);
    expect(flipProbability(0, 20, "proportional")).to.equal(0);
    expect(flipProbability(45, 20, "proportional")).to.equal(1);
  });

  it("flips an agent at the first check (step ≡ 0 mod flip_interval) where its hoarded weight reaches the threshold, and resets it", () => {
    // every kompromat secret is hoarded (hunters always, theta 0); a twin that never flips shows the weights
    const p = params({ n_agents: 3, lambda_komp: 3, lambda_eng: 0, f_hunters: 1, theta_sell: 0, flip_threshold: 20, flip_interval: 10, p_loss: 0 });
    const env = new Environment(p, { seed: "flip" });
    const twin = new Environment({ ...p, flip_threshold: 1e300 }, { seed: "flip" });
    let flippedAt = -1;
    for (let t = 0; t < 400 && flippedAt < 0; t++) {
      const ev = env.beginStep(t);
      twin.beginStep(t);
      env.prepareOffers(noBuyers);
      twin.prepareOffers(noBuyers);
      if (ev.flipCount > 0) {
        flippedAt = t;
        expect(t % 10).to.equal(0);
        const flipped = Array.from(ev.flipAgents.subarray(0, ev.flipCount));
        for (let j = 0; j < p.n_agents; j++) {
          if (flipped.includes(j)) {
            expect(twin.weighted[j]).to.be.at.least(20);
            expect(env.weighted[j]).to.equal(0);
            expect(env.flipped[j]).to.equal(1);
          } else {
            expect(twin.weighted[j]).to.be.below(20);
            expect(env.flipped[j]).to.equal(0);
          }
        }
        expect(Array.from(env.alive.subarray(0, env.aliveCount))).to.deep.equal([0, 1, 2].filter((j) => !flipped.includes(j)));
      } else if (t % 10 === 0) {
        for (const w of twin.weighted) expect(w).to.be.below(20);
      }
    }
    expect(flippedAt).to.be.above(0);
  });

  it("flipped agents draw no loss and are no longer targets or engineers", () => {
    const p = params({ n_agents: 4, lambda_komp: 8, lambda_eng: 3, f_hunters: 1, theta_sell: 0, flip_threshold: 15, p_loss: 0.5 });
    const env = new Environment(p, { seed: "dead", detail: "full" });
    for (let t = 0; t < 300; t++) {
      const ev = env.beginStep(t);
      for (let k = 0; k < ev.lossCount; k++) expect(env.flipped[ev.lossAgents[k]!]).to.equal(0);
      for (let id = ev.firstNewListing; id < ev.firstNewListing + ev.newListingCount; id++) {
        const info = env.listing(id);
        // generated before this step's flip check: the agent was alive then
        if (info.agent >= 0 && ev.flipCount === 0) expect(env.flipped[info.agent]).to.equal(0);
      }
      env.prepareOffers(noBuyers);
    }
    expect(env.aliveCount).to.equal(0); // at this rate everyone flips; then nothing is generated
    const ev = env.beginStep(300);
    expect(ev.newListingCount).to.equal(0);
    expect(ev.lossCount).to.equal(0);
  });

  it("a flip purges the unsold kompromat about the target and reports the listing ids; engineering only when switched on", () => {
    for (const purgeEngineering of [false, true]) {
      const p = params({ n_agents: 3, lambda_komp: 6, lambda_eng: 4, f_hunters: 0.5, theta_sell: 0.5, flip_threshold: 12, p_loss: 0 });
      const env = new Environment(p, { seed: "purge", detail: "full", purgeEngineering });
      let purges = 0;
      for (let t = 0; t < 500 && env.aliveCount > 0; t++) {
        const ev = env.beginStep(t);
        if (ev.flipCount > 0) {
          const flipped = new Set(Array.from(ev.flipAgents.subarray(0, ev.flipCount)));
          const purged = new Set(Array.from(ev.purgedListings.subarray(0, ev.purgedCount)));
          for (let id = 1; id <= env.listings.count; id++) {
            const info = env.listing(id);
            const about = flipped.has(info.agent) && (info.kind === "kompromat" || purgeEngineering);
            if (purged.has(id)) {
              expect(about, `listing ${id}`).to.equal(true);
              expect(info.state).to.equal("purged");
            } else if (about) {
              expect(info.state, `listing ${id} about a flipped agent`).to.not.equal("unsold");
            }
          }
          purges += purged.size;
        }
        env.prepareOffers(noBuyers);
      }
      expect(purges).to.be.above(0);
    }
  });
});

describe("env: listings and offers", () => {
  it("numbers every for-sale secret 1, 2, … in generation order, kompromat before engineering within a step", () => {
    const env = new Environment(params({ lambda_komp: 3, lambda_eng: 3 }), { seed: "ids", detail: "full" });
    let next = 1;
    for (let t = 0; t < 50; t++) {
      const ev = env.beginStep(t);
      expect(ev.firstNewListing).to.equal(next);
      let seenEng = false;
      for (let id = next; id < next + ev.newListingCount; id++) {
        const info = env.listing(id);
        expect(info.step).to.equal(t);
        if (info.kind === "engineering") seenEng = true;
        else expect(seenEng).to.equal(false);
      }
      next += ev.newListingCount;
      env.prepareOffers(noBuyers);
    }
    expect(env.listings.count).to.equal(next - 1);
  });

  it("offers nothing, and draws nothing, when no pool's value factor reaches 5", () => {
    // value_multiplier_eng + productivity·(1 + eng/1000) = 1 + 3 = 4 < 5
    const p = params({ value_multiplier_eng: 1, eng_productivity_factor: 3, lambda_eng: 5 });
    const env = new Environment(p, { seed: "none" });
    for (let t = 0; t < 30; t++) {
      env.beginStep(t);
      expect(env.prepareOffers({ capital: [1e9, 1e9], engCapital: [0, 0], canBuy: [1, 1] }).count).to.equal(0);
    }
    // eng capital that lifts the factor to 5 makes everything affordable offerable
    env.beginStep(30);
    const offers = env.prepareOffers({ capital: [1e9, 0], engCapital: [1000 / 3 + 1, 0], canBuy: [1, 1] });
    expect(offers.count).to.equal(env.unsoldEngineering());
  });

  it("draws an ask for exactly the unsold secrets with 5·amount·potency ≤ an eligible buyer's capital, and offers those it could buy at that ask", () => {
    const p = params({ value_multiplier_eng: 2, eng_productivity_factor: 4, lambda_eng: 4 });
    const env = new Environment(p, { seed: "filter" });
    let offered = 0;
    let declined = 0;
    for (let t = 0; t < 300; t++) {
      env.beginStep(t);
      const cap = [3 + (t % 7) * 2, 100, 1e6];
      const canBuy = [1, t % 2, 0]; // the richest pool is not eligible
      const offers = env.prepareOffers({ capital: cap, engCapital: [0, 0, 0], canBuy });
      const capMax = canBuy[1] ? 100 : cap[0]!;
      let candidates = 0;
      for (let id = 1; id <= env.listings.count; id++) {
        const s = id - 1;
        if (env.listings.state[s] === LISTING_UNSOLD && env.listings.ap[s]! * MIN_ASK_FACTOR <= capMax) candidates++;
      }
      expect(offers.candidates).to.equal(candidates);
      const got = Array.from(offers.listingIds.subarray(0, offers.count));
      expect(new Set(got).size).to.equal(got.length);
      got.forEach((id, o) => {
        const ap = env.listings.ap[id - 1]!;
        const ask = offers.asks[o]!;
        expect(ask > 5 * ap && ask < 15 * ap).to.equal(true);
        expect(env.listings.state[id - 1]).to.equal(LISTING_UNSOLD);
        expect(ap * MIN_ASK_FACTOR <= capMax).to.equal(true);
        // some eligible pool could pay it and value it that high (eng capital ≤ 0 + capital/5 this phase)
        const could = [0, 1].some((q) => canBuy[q] && ask <= cap[q]! && ask <= ap * (2 + 4 * (1 + cap[q]! / MIN_ASK_FACTOR / 1000)) * (1 + 1e-12));
        expect(could).to.equal(true);
      });
      offered += offers.count;
      declined += offers.candidates - offers.count;
      // sell a few, as a pool would
      for (let o = 0; o < offers.count; o += 3) env.markSold(offers.listingIds[o]!);
    }
    expect(offered).to.be.above(100);
    expect(declined).to.be.above(100);
  });

  it("with ample capital and value, offers every unsold secret", () => {
    const env = new Environment(params({ lambda_eng: 4 }), { seed: "all" });
    for (let t = 0; t < 20; t++) {
      env.beginStep(t);
      const offers = env.prepareOffers({ capital: [1e9, 1e9], engCapital: [1e5, 0], canBuy: [1, 1] });
      expect(offers.count).to.equal(env.unsoldEngineering());
      expect(offers.candidates).to.equal(offers.count);
    }
  });

  it("orders offers uniformly at random: each of 3 secrets is offered first a third of the time", () => {
    const firsts = [0, 0, 0];
    for (let r = 0; firsts[0]! + firsts[1]! + firsts[2]! < 1500; r++) {
      const env = new Environment(params({ lambda_eng: 3, lambda_komp: 0 }), { seed: `order-${r}` });
      if (env.beginStep(0).newListingCount !== 3) continue;
      const offers = env.prepareOffers({ capital: [1e9, 1e9], engCapital: [1e6, 1e6], canBuy: [1, 1] });
      expect(offers.count).to.equal(3);
      firsts[offers.listingIds[0]! - 1]!++;
    }
    for (const c of firsts) expect(Math.abs(c / 1500 - 1 / 3)).to.be.below(4.5 * Math.sqrt(2 / 9 / 1500));
  });

  it("the ap-bucket index and the full scan answer every query alike (ascending ids)", () => {
    const rs = new RandomStream("book");
    const L = new Listings();
    const book = new MarketBook(L, 2);
    for (let round = 0; round < 300; round++) {
      for (let k = 0; k < 20; k++) {
        const kind = rs.uniform() < 0.3 ? KIND_KOMPROMAT : KIND_ENGINEERING;
        const amount = 0.5 + 9.5 * rs.uniform();
        const potency = rs.uniform() ** 4;
        book.add(L.add(kind, round, amount, potency, 0, Number.NaN));
      }
      const capMax = [rs.uniform() < 0.5 ? 0 : 40 * rs.uniform() ** 3, 40 * rs.uniform() ** 3];
      const res = { out: new Int32Array(4) };
      const m = book.collect(capMax, MIN_ASK_FACTOR, res.out, res);
      const got = Array.from(res.out.subarray(0, m));
      const want: number[] = [];
      for (let id = 1; id <= L.count; id++) {
        const s = id - 1;
        if (L.state[s] === LISTING_UNSOLD && L.ap[s]! * MIN_ASK_FACTOR <= capMax[L.kind[s]!]!) want.push(id);
      }
      expect(got).to.deep.equal(want);
      for (let o = 0; o < m; o += 2) L.state[got[o]! - 1] = 1; // sell every other one
    }
  });
});

describe("env: the ask of a new listing that is not offered", () => {
  it("is one no pool can accept in that step's market phase (its drawn ask when it was given one)", () => {
    // Value factors from 11 up: a pool values engineering at 11·a·p or more, so 10·a·p would sell when affordable.
    const p = params({ n_agents: 50, n_pools: 1, lambda_eng: 8, lambda_komp: 0, value_multiplier_eng: 6, eng_productivity_factor: 5 });
    const env = new Environment(p, { seed: "listing-ask", detail: "full" });
    const capital = 100;
    let checked = 0;
    for (let t = 0; t < 200; t++) {
      const ev = env.beginStep(t);
      const offers = env.prepareOffers({ capital: [capital], engCapital: [0], canBuy: [1] });
      const offered = new Set(offers.listingIds.subarray(0, offers.count));
      for (let id = ev.firstNewListing; id < ev.firstNewListing + ev.newListingCount; id++) {
        if (offered.has(id)) continue;
        const ap = env.listing(id).amountPotency;
        // the most the pool can value it during the phase: its eng capital grows by at most capital/5
        const most = ap * (6 + 5 * (1 + capital / MIN_ASK_FACTOR / 1000));
        const ask = env.listingAsk(id);
        expect(ask > capital || ask > most, `listing ${id}: ask ${ask}, capital ${capital}, value up to ${most}`).to.equal(true);
        checked++;
      }
    }
    expect(checked).to.be.above(100);
  });
});

describe("env: lean and full detail, misuse", () => {
  it("full detail (the harness) gives the same losses, flips, listing ids and offers as lean (the model)", () => {
    const p = params({ lambda_komp: 2.5, f_hunters: 0.5, theta_sell: 0.5, flip_threshold: 20, value_multiplier_eng: 2, eng_productivity_factor: 4 });
    const lean = new Environment(p, { seed: "detail", detail: "lean" });
    const full = new Environment(p, { seed: "detail", detail: "full" });
    for (let t = 0; t < 400; t++) {
      const a = lean.beginStep(t);
      const b = full.beginStep(t);
      expect([a.lossCount, a.flipCount, a.firstNewListing, a.newListingCount, a.hoarded]).to.deep.equal([b.lossCount, b.flipCount, b.firstNewListing, b.newListingCount, b.hoarded]);
      expect(a.lossAgents.subarray(0, a.lossCount)).to.deep.equal(b.lossAgents.subarray(0, b.lossCount));
      const view = { capital: [20 + (t % 50), 5], engCapital: [0, 0], canBuy: [1, 1] };
      const oa = lean.prepareOffers(view);
      const ob = full.prepareOffers(view);
      expect(oa.listingIds.subarray(0, oa.count)).to.deep.equal(ob.listingIds.subarray(0, ob.count));
      expect(oa.asks.subarray(0, oa.count)).to.deep.equal(ob.asks.subarray(0, ob.count));
      if (oa.count > 0) {
        lean.markSold(oa.listingIds[0]!);
        full.markSold(ob.listingIds[0]!);
      }
    }
    // full detail knows every for-sale kompromat's target and ask; lean does not draw them
    const komp = Array.from({ length: full.listings.count }, (_, s) => s + 1).filter((id) => full.listing(id).kind === "kompromat");
    expect(komp.length).to.be.above(0);
    for (const id of komp) {
      expect(full.listing(id).agent).to.be.at.least(0);
      expect(full.listingAsk(id) > 5 * full.listing(id).amountPotency).to.equal(true);
      expect(lean.listing(id).agent).to.equal(-1);
    }
  });

  it("refuses steps out of order, offers before a step, and selling what is not for sale", () => {
    const env = new Environment(defaultParams(), { seed: "misuse" });
    expect(() => env.beginStep(1)).to.throw(/the next step is 0/);
    expect(() => env.prepareOffers(noBuyers)).to.throw(/call beginStep first/);
    env.beginStep(0);
    expect(() => env.beginStep(1)).to.throw(/no market phase yet/);
    expect(() => env.markSold(1)).to.throw(/no market phase open/);
    env.prepareOffers(noBuyers);
    expect(() => env.markSold(10_000)).to.throw(/no such listing/);
    expect(() => env.prepareOffers(noBuyers)).to.throw(/call beginStep first/);
  });
});
