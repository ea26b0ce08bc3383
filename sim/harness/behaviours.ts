/**
 * Agent behaviours: what an agent decides each epoch. The harness asks the agent's behaviour and sends
 * the transaction the answer calls for from the agent's own wallet. `studyBehaviour` is the reference
 * study's agent (the only one the model knows, so the differential check assumes it); the others are
 * deviations for agent-based tests of the protocol (write your own the same way).
 */

/** What a voluntary agent knows when it decides on cover. */
export interface CoverContext {
  agent: number;
  step: number;
  /** The agent's wealth (its balance at the start of the epoch, as attested), asset wei and tokens. */
  wealth: bigint;
  wealthTokens: number;
  /** wealth × neuroticism, tokens: the most the agent is willing to pay (specification §4.3). */
  willingness: number;
  /** Each pool's one-epoch quote for this agent, asset wei (null: the pool sells no cover, i.e. it is bankrupt). */
  quotes: readonly (bigint | null)[];
}

/** What a mandatory member knows when it decides whether to pay its subscription. */
export interface SubscriptionContext {
  agent: number;
  step: number;
  pool: number;
  fee: bigint;
  wealth: bigint;
  poolBankrupt: boolean;
}

/** What a seller knows when one of its secrets has sold. */
export interface DeliveryContext {
  seller: number;
  listingId: number;
  pool: number;
  price: bigint;
  step: number;
}

export interface AgentBehaviour {
  readonly name: string;
  /** The pool to buy one epoch of cover from, or null for none. */
  chooseCover(ctx: CoverContext): number | null;
  /** Whether to pay this epoch's subscription fee. */
  paySubscription(ctx: SubscriptionContext): boolean;
  /** Whether to deliver a sold secret (a seller who does not is refunded to the pool after the delivery window). */
  deliver(ctx: DeliveryContext): boolean;
}

/** The cheapest pool whose quote is within `willingness` (the lowest index wins ties), or null. */
export function cheapestAffordable(ctx: CoverContext): number | null {
  let best: bigint | null = null;
  let bestPool: number | null = null;
  for (let q = 0; q < ctx.quotes.length; q++) {
    const quote = ctx.quotes[q];
    if (quote === null || quote === undefined) continue;
    if (!(Number(quote) / 1e18 <= ctx.willingness)) continue;
    if (best === null || quote < best) {
      best = quote;
      bestPool = q;
    }
  }
  return bestPool;
}

/**
 * The study's agent (specification §4.3, §6): a voluntary agent buys one epoch of cover from the cheapest
 * solvent pool whose premium is within its willingness; a mandatory member pays its fee when its pool is
 * solvent and its wealth covers the fee; a seller always delivers.
 */
export const studyBehaviour: AgentBehaviour = {
  name: "study",
  chooseCover: cheapestAffordable,
  paySubscription: (ctx) => !ctx.poolBankrupt && ctx.wealth >= ctx.fee,
  deliver: () => true,
};

/** Never buys voluntary cover (otherwise the study's agent). */
export const neverInsures: AgentBehaviour = { ...studyBehaviour, name: "never-insures", chooseCover: () => null };

/** Never delivers what it sold: the buying pool is refunded once the delivery window has passed. */
export const neverDelivers: AgentBehaviour = { ...studyBehaviour, name: "never-delivers", deliver: () => false };

/** A mandatory member who stops paying its subscription from step `fromStep` on (uncovered from then). */
export function stopsPayingAt(fromStep: number): AgentBehaviour {
  return { ...studyBehaviour, name: `stops-paying@${fromStep}`, paySubscription: (ctx) => ctx.step < fromStep && studyBehaviour.paySubscription(ctx) };
}

/** Always buys from pool `q` when it sells cover, whatever the price (a loyal or captive customer). */
export function loyalTo(q: number): AgentBehaviour {
  return { ...studyBehaviour, name: `loyal-to-${q}`, chooseCover: (ctx) => (ctx.quotes[q] !== null ? q : null) };
}
