/**
 * The events the harness reads from each block, decoded by hand from fixed layouts (the hot ones: one
 * Transfer and one CoverBought per agent per epoch) or with ethers (rare ones with dynamic data).
 */
import type { Interface } from "ethers";
import type { Log } from "./chain.js";

/** topic0 of each event the harness reads or expects. */
export interface Topics {
  Transfer: string;
  Approval: string;
  CoverBought: string;
  SubscriptionPaid: string;
  ClaimPaid: string;
  StreamIncomeCollected: string;
  SecretPurchased: string;
  MemberEnrolled: string;
  Listed: string;
  Repriced: string;
  Sold: string;
  Offered: string;
  ListingPurged: string;
  Delivered: string;
  DeliveryConfirmed: string;
  Refunded: string;
  WealthAttested: string;
  BaselineRiskSet: string;
}

export function topicsOf(iface: { asset: Interface; pool: Interface; market: Interface; registry: Interface }): Topics {
  const t = (i: Interface, name: string): string => i.getEvent(name)!.topicHash;
  return {
    Transfer: t(iface.asset, "Transfer"),
    Approval: t(iface.asset, "Approval"),
    CoverBought: t(iface.pool, "CoverBought"),
    SubscriptionPaid: t(iface.pool, "SubscriptionPaid"),
    ClaimPaid: t(iface.pool, "ClaimPaid"),
    StreamIncomeCollected: t(iface.pool, "StreamIncomeCollected"),
    SecretPurchased: t(iface.pool, "SecretPurchased"),
    MemberEnrolled: t(iface.pool, "MemberEnrolled"),
    Listed: t(iface.market, "Listed"),
    Repriced: t(iface.market, "Repriced"),
    Sold: t(iface.market, "Sold"),
    Offered: t(iface.market, "Offered"),
    ListingPurged: t(iface.market, "ListingPurged"),
    Delivered: t(iface.market, "Delivered"),
    DeliveryConfirmed: t(iface.market, "DeliveryConfirmed"),
    Refunded: t(iface.market, "Refunded"),
    WealthAttested: t(iface.registry, "WealthAttested"),
    BaselineRiskSet: t(iface.registry, "BaselineRiskSet"),
  };
}

/** The i-th 32-byte word of a log's data, as a bigint. */
export function dataWord(log: Log, i: number): bigint {
  return BigInt("0x" + log.data.slice(2 + 64 * i, 66 + 64 * i));
}

/** An indexed address topic, lower case. */
export function topicAddress(log: Log, i: number): string {
  return "0x" + log.topics[i]!.slice(26).toLowerCase();
}

/** An indexed uint topic. */
export function topicUint(log: Log, i: number): bigint {
  return BigInt(log.topics[i]!);
}
