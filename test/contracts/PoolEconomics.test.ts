/**
 * Differential test of the pool's economics against the plain reference in helpers/reference.ts, at many
 * points: random study parameters, wealth, secrets, asks, covers and losses over several epochs. Every
 * state field must equal the exact-integer reference to the wei, and every premium, valuation and future
 * return must equal the float64 formula (the off-chain model's arithmetic) to 1e-9 relative — the
 * tolerance the harness uses (ARCHITECTURE.md, "Model ↔ chain comparison").
 */
import { expect } from "chai";
import { createNetwork } from "./helpers/network.js";
import seedrandom from "seedrandom";
import { deploySystem, ENG, EPOCH, KOMP, listSecret, tokens, type System } from "./helpers/fixture.js";
import {
  futureReturnFloat,
  loadingRule,
  movingAverageDown,
  premiumFloat,
  premiumUp,
  relErr,
  riskFloat,
  riskUp,
  toFloat,
  valueDown,
  WAD,
  type RefParams,
} from "./helpers/reference.js";

const { ethers, networkHelpers } = await createNetwork();
const { time } = networkHelpers;

const TOLERANCE = 1e-9;
const toWad = (x: number): bigint => BigInt(Math.round(x * 1e12)) * 10n ** 6n;

interface RefState {
  capital: bigint;
  kompCapital: bigint;
  engCapital: bigint;
  avgKompPotency: bigint;
  avgEngPotency: bigint;
  premiumsCollected: bigint;
  claimsPaid: bigint;
  secretPurchaseCost: bigint;
  loading: bigint;
  bankrupt: boolean;
}

function randomParams(rng: () => number): RefParams {
  const u = (a: number, b: number) => a + (b - a) * rng();
  return {
    baseLoading: toWad(u(1.5, 3.0)),
    loadingMin: toWad(0.5),
    loadingMax: toWad(3.0),
    loadingStepUp: toWad(0.2),
    loadingStepDown: toWad(0.1),
    capitalLow: toWad(u(100, 300)),
    capitalHigh: toWad(u(2000, 5000)),
    alphaK: toWad(u(0.00005, 0.0003)),
    alphaE: toWad(u(0.0002, 0.001)),
    valueMultiplierKomp: toWad(u(0.1, 1.0)),
    valueMultiplierEng: toWad(u(0.5, 2.0)),
    engProductivityFactor: toWad(u(1.0, 5.0)),
    premiumRateBase: toWad(0.1),
    learningRate: toWad(0.1),
    engAssetLifetime: 100n,
    subscriptionFee: 0n,
  };
}

async function expectState(s: System, ref: RefState): Promise<void> {
  const st = await s.pools[0]!.state();
  for (const k of Object.keys(ref) as (keyof RefState)[]) expect(st[k], k).to.equal(ref[k]);
}

describe("InsurancePool economics against the reference (many points)", function () {
  for (const seed of ["alpha", "beta", "gamma"]) {
    it(`matches the exact reference to the wei and the float model to 1e-9 (seed ${seed})`, async function () {
      const rng = seedrandom(seed);
      const u = (a: number, b: number) => a + (b - a) * rng();
      const p = randomParams(rng);
      const initCap = toWad(u(1000, 5000));
      const s = await deploySystem(ethers, { poolCount: 1, params: p, initialCapital: initCap, members: 6 });
      const pool = s.pools[0]!;
      const ref: RefState = {
        capital: initCap, kompCapital: 0n, engCapital: 0n, avgKompPotency: WAD / 2n, avgEngPotency: WAD / 2n,
        premiumsCollected: 0n, claimsPaid: 0n, secretPurchaseCost: 0n, loading: p.baseLoading, bankrupt: false,
      };
      const baselines = s.members.map(() => toWad(u(0.01, 0.05)));
      await s.registry.connect(s.underwriter).setBaselineRisks(s.members, baselines);
      let checks = 0;
      for (let epoch = 1; epoch <= 8; epoch++) {
        await time.increase(EPOCH);
        ref.loading = loadingRule(p, ref.loading, ref.capital);
        const wealths = s.members.map(() => toWad(u(200, 2500)));
        await s.registry.connect(s.wealthOracle).attestWealth(s.members, wealths);
        expect(await pool.currentLoading()).to.equal(ref.loading);

        // Quotes for every member; some buy cover. A bankrupt pool quotes nothing.
        if (ref.bankrupt) await expect(pool.quotePremiumUp(s.members[0]!)).to.be.revertedWithCustomError(pool, "Pool_Bankrupt");
        for (let i = 0; i < s.members.length && !ref.bankrupt; i++) {
          const m = s.members[i]!;
          const risk = riskUp(p, baselines[i]!, ref.kompCapital, ref.engCapital);
          const premium = premiumUp(p, risk, wealths[i]!, ref.loading);
          expect(await pool.quotePremiumUp(m)).to.equal(premium);
          const fRisk = riskFloat(toFloat(p.alphaK), toFloat(p.alphaE), toFloat(baselines[i]!), toFloat(ref.kompCapital), toFloat(ref.engCapital));
          const fPremium = premiumFloat(fRisk, toFloat(wealths[i]!), 0.1, toFloat(ref.loading));
          expect(relErr(toFloat(premium), fPremium)).to.be.lessThan(TOLERANCE);
          checks++;
          const [, until] = await pool.coverOf(m);
          if (rng() < 0.5 && until <= BigInt(epoch)) {
            await pool.connect(m).buyCover(1, premium);
            ref.capital += premium;
            ref.premiumsCollected += premium;
          }
        }

        // Secrets offered to the pool, asks as in the study but wider so both outcomes occur.
        for (let k = 0; k < 3; k++) {
          const kind = rng() < 0.4 ? KOMP : ENG;
          const amount = toWad(u(1, 5));
          const potency = toWad(rng());
          const ask = toWad(toFloat(amount) * toFloat(potency) * u(0.02, 1.5) * (kind === ENG ? 10 : 1)) + 1n;
          const { value, futureReturn } = valueDown(p, kind, amount, potency, ref.engCapital);
          const [v, fr] = await pool.valueSecretDown(kind, amount, potency);
          expect([v, fr]).to.deep.equal([value, futureReturn]);
          const multiplier = kind === KOMP ? p.valueMultiplierKomp : p.valueMultiplierEng;
          const fValue = toFloat(amount) * toFloat(potency) * toFloat(multiplier);
          if (fValue > 0) expect(relErr(toFloat(value), fValue)).to.be.lessThan(TOLERANCE);
          if (kind === ENG && potency > 0n) {
            const fFr = futureReturnFloat(toFloat(amount), toFloat(potency), toFloat(p.engProductivityFactor), toFloat(ref.engCapital));
            expect(relErr(toFloat(futureReturn), fFr)).to.be.lessThan(TOLERANCE);
          }
          checks++;
          const buys = value + futureReturn >= ask && ref.capital >= ask && !ref.bankrupt;
          const tx = await listSecret(s, ask, { kind, amount, potency });
          const receipt = await tx.wait();
          const sold = receipt!.logs.some((l) => s.market.interface.parseLog(l)?.name === "Sold");
          expect(sold, `purchase decision at value ${value + futureReturn} vs ask ${ask}`).to.equal(buys);
          if (buys) {
            const weight = (amount * potency) / WAD;
            ref.capital -= ask;
            ref.secretPurchaseCost += ask;
            if (kind === KOMP) {
              ref.kompCapital += weight;
              ref.avgKompPotency = movingAverageDown(p, ref.avgKompPotency, potency);
            } else {
              ref.engCapital += weight;
              ref.avgEngPotency = movingAverageDown(p, ref.avgEngPotency, potency);
            }
          }
        }

        // Losses of covered members, paid min(loss, capital).
        for (let i = 0; i < s.members.length; i++) {
          const m = s.members[i]!;
          if (!(await pool.isCovered(m, epoch)) || rng() < 0.5) continue;
          if (ref.bankrupt) {
            await expect(pool.connect(s.lossOracle).reportLoss(m, 1, ethers.id(`${seed}-${epoch}-${i}`))).to.be.revertedWithCustomError(pool, "Pool_Bankrupt");
            continue;
          }
          const loss = (wealths[i]! * toWad(u(0.1, 0.25))) / WAD;
          const payout = loss < ref.capital ? loss : ref.capital;
          await expect(pool.connect(s.lossOracle).reportLoss(m, loss, ethers.id(`${seed}-${epoch}-${i}`)))
            .to.emit(pool, "ClaimPaid").withArgs(m.address, ethers.id(`${seed}-${epoch}-${i}`), loss, payout, ref.capital - payout);
          ref.capital -= payout;
          ref.claimsPaid += payout;
          if (ref.capital === 0n) ref.bankrupt = true;
        }
        await expectState(s, ref);
      }
      expect(checks).to.be.greaterThan(40);
    });
  }

  it("applies the loading rule lazily over many idle epochs exactly as once per epoch", async function () {
    const rng = seedrandom("loading");
    for (let trial = 0; trial < 3; trial++) {
      const p = randomParams(rng);
      const capital = [tokens(50), tokens(1000), tokens(6000)][trial]!;
      const s = await deploySystem(ethers, { poolCount: 1, params: p, initialCapital: capital, members: 1 });
      let loading = p.baseLoading;
      for (const idle of [1n, 2n, 7n, 40n]) {
        await time.increase(EPOCH * idle);
        for (let i = 0n; i < idle; i++) loading = loadingRule(p, loading, capital);
        await s.pools[0]!.syncEpoch();
        expect((await s.pools[0]!.state()).loading).to.equal(loading);
      }
    }
  });
});
