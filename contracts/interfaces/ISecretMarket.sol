// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IEpochClock} from "./IEpochClock.sol";
import {IInsurancePool} from "./IInsurancePool.sol";
import {IMarketHooks} from "./IMarketHooks.sol";
import {SecretKind} from "./SecretKind.sol";

/// @title ISecretMarket
/// @notice The private market for secrets (specification §5; ARCHITECTURE.md, protocol rule 7). No plaintext
/// and no kompromat target is ever on-chain: a listing carries a content commitment (hash), the amount and
/// potency an ATTESTOR signed for (EIP-712, nonce + deadline, replay-proof) and the seller's ask.
///
/// Each offer of a listing (at listing, and at every `reprice`) goes to the registered pools in the fair
/// order starting at index `(listingId + epoch) % nPools` and wrapping; the first pool that buys pays the
/// ask into escrow. The seller then delivers the content encrypted to the buyer pool's registered public key
/// (a reference and a hash on-chain). The pool confirms (escrow → seller), or anyone settles once the
/// dispute window after delivery has passed. Non-delivery by the delivery deadline, or a dispute upheld by
/// the ARBITER role, refunds the pool, which reverses the purchase in its accounting and cancels its stream.
///
/// Lifecycle: Open → Sold → Delivered → Settled, with Open → Cancelled | Purged, Sold → Refunded (no
/// delivery), Delivered → Disputed → Settled | Refunded.
/// - Warning: attestors, arbiters and purgers are trusted roles; registered pools are trusted contracts.
interface ISecretMarket {
    /// @notice Where a listing is in its lifecycle.
    enum ListingStatus {
        None,
        Open,
        Sold,
        Delivered,
        Disputed,
        Settled,
        Refunded,
        Cancelled,
        Purged
    }

    /// @notice What an ATTESTOR signs (EIP-712 type `Attestation`).
    struct Attestation {
        /// @dev The seller the attestation is for (must be the caller of `list`).
        address seller;
        /// @dev Kompromat or engineering.
        SecretKind kind;
        /// @dev Commitment to the content (e.g. keccak256 of the plaintext with a salt).
        bytes32 contentHash;
        /// @dev Attested amount, WAD, positive.
        uint256 amount;
        /// @dev Attested potency, WAD in [0, 1e18].
        uint256 potency;
        /// @dev Productivity funder of an engineering stream (zero for kompromat).
        address funder;
        /// @dev Per-attestor nonce; each is accepted once.
        uint256 nonce;
        /// @dev Unix time after which the attestation is void.
        uint256 deadline;
    }

    /// @notice A listing.
    struct Listing {
        /// @dev The seller.
        address seller;
        /// @dev Kompromat or engineering.
        SecretKind kind;
        /// @dev Lifecycle status.
        ListingStatus status;
        /// @dev Unix time by which the seller must deliver (0 until sold).
        uint40 deliveryDeadline;
        /// @dev Unix time until which the buyer may dispute a delivery (0 until delivered).
        uint40 disputeDeadline;
        /// @dev Content commitment.
        bytes32 contentHash;
        /// @dev Attested amount, WAD.
        uint128 amount;
        /// @dev Attested potency, WAD.
        uint128 potency;
        /// @dev Current ask, asset wei.
        uint128 ask;
        /// @dev Price paid into escrow, asset wei (0 until sold).
        uint128 price;
        /// @dev Productivity funder (engineering), zero for kompromat.
        address funder;
        /// @dev The buyer pool (zero until sold).
        address buyer;
        /// @dev The buyer's return stream (0 when none).
        uint96 streamId;
        /// @dev Hash of the delivered ciphertext (zero until delivered).
        bytes32 ciphertextHash;
    }

    /// @notice A pool beyond MAX_POOLS was registered.
    error Market_TooManyPools(uint256 maxPools);

    /// @notice The pool is already registered.
    error Market_PoolAlreadyRegistered(address pool);

    /// @notice The pool is not registered.
    error Market_PoolNotRegistered(address pool);

    /// @notice An empty public key was given.
    error Market_EmptyPublicKey(address pool);

    /// @notice A delivery or dispute window of zero, or above MAX_WINDOW, was given.
    error Market_InvalidWindow(uint256 deliveryWindow, uint256 disputeWindow);

    /// @notice The attestation names another seller than the caller.
    error Market_NotSeller(address caller, address seller);

    /// @notice The signer of the attestation does not hold ATTESTOR_ROLE (a forged attestation).
    error Market_InvalidAttestor(address signer);

    /// @notice The attestor already used `nonce` (a replayed attestation).
    error Market_NonceUsed(address attestor, uint256 nonce);

    /// @notice The attestation expired.
    error Market_AttestationExpired(uint256 deadline, uint256 nowTimestamp);

    /// @notice An amount of zero, or one that does not fit in 128 bits, was attested.
    error Market_InvalidAmount(uint256 amount);

    /// @notice A potency above 1.0 (WAD) was attested.
    error Market_InvalidPotency(uint256 potency);

    /// @notice An ask of zero, or one that does not fit in 128 bits, was given.
    error Market_InvalidAsk(uint256 ask);

    /// @notice A kompromat listing named a funder, or an engineering listing named none.
    error Market_InvalidFunder(SecretKind kind, address funder);

    /// @notice No listing has id `listingId`.
    error Market_UnknownListing(uint256 listingId);

    /// @notice The listing is in `status`, which does not allow the action.
    error Market_WrongStatus(uint256 listingId, ListingStatus status);

    /// @notice Only the listing's seller may do this.
    error Market_OnlySeller(uint256 listingId, address caller, address seller);

    /// @notice Only the listing's buyer pool may do this.
    error Market_OnlyBuyer(uint256 listingId, address caller, address buyer);

    /// @notice The delivery deadline has passed.
    error Market_DeliveryDeadlinePassed(uint256 listingId, uint256 deadline);

    /// @notice The delivery deadline has not passed yet.
    error Market_DeliveryDeadlineNotPassed(uint256 listingId, uint256 deadline);

    /// @notice The dispute window has closed.
    error Market_DisputeWindowClosed(uint256 listingId, uint256 disputeDeadline);

    /// @notice The dispute window is still open.
    error Market_DisputeWindowOpen(uint256 listingId, uint256 disputeDeadline);

    /// @notice A zero ciphertext hash was delivered.
    error Market_EmptyCiphertext(uint256 listingId);

    /// @notice The buyer pool paid a different amount into escrow than the ask.
    error Market_EscrowShortfall(uint256 listingId, uint256 expected, uint256 received);

    /// @notice Emitted when governance registers a pool with its public key.
    event PoolRegistered(address indexed pool, uint256 index, bytes publicKey);

    /// @notice Emitted when governance removes a pool.
    event PoolRemoved(address indexed pool);

    /// @notice Emitted when governance replaces a pool's public key.
    event PoolKeySet(address indexed pool, bytes publicKey);

    /// @notice Emitted when governance sets the windows (seconds).
    event WindowsSet(uint256 deliveryWindow, uint256 disputeWindow);

    /// @notice Emitted when governance sets the hooks contract (zero = off).
    event HooksSet(address hooks);

    /// @notice Emitted when a listing is created.
    event Listed(
        uint256 indexed listingId,
        address indexed seller,
        SecretKind kind,
        bytes32 contentHash,
        uint256 amount,
        uint256 potency,
        uint256 ask,
        address funder,
        address indexed attestor,
        uint256 nonce
    );

    /// @notice Emitted for every offer round: the epoch, the first pool index asked, and the buyer (zero when
    /// no pool bought).
    event Offered(uint256 indexed listingId, uint256 epoch, uint256 startIndex, address buyer);

    /// @notice Emitted when a pool buys: the price moved into escrow.
    event Sold(uint256 indexed listingId, address indexed pool, uint256 price, uint256 streamId, uint256 deliveryDeadline);

    /// @notice Emitted when the seller changes the ask (the listing is offered again).
    event Repriced(uint256 indexed listingId, uint256 oldAsk, uint256 newAsk);

    /// @notice Emitted when the seller withdraws an unsold listing.
    event ListingCancelled(uint256 indexed listingId);

    /// @notice Emitted when a PURGER removes an unsold listing about a captured agent.
    event ListingPurged(uint256 indexed listingId, address indexed purger);

    /// @notice Emitted when the seller delivers: `ciphertextUri` locates the ciphertext encrypted to the buyer
    /// pool's public key, `ciphertextHash` commits to it.
    event Delivered(uint256 indexed listingId, bytes32 ciphertextHash, string ciphertextUri, uint256 disputeDeadline);

    /// @notice Emitted when the buyer pool confirms delivery.
    event DeliveryConfirmed(uint256 indexed listingId, address indexed pool);

    /// @notice Emitted when the buyer pool disputes a delivery.
    event Disputed(uint256 indexed listingId, address indexed pool, bytes32 evidenceHash);

    /// @notice Emitted when an ARBITER resolves a dispute.
    event DisputeResolved(uint256 indexed listingId, bool upheld, address indexed arbiter);

    /// @notice Emitted when the escrow goes to the seller.
    event Settled(uint256 indexed listingId, address indexed seller, uint256 amount);

    /// @notice Emitted when the escrow goes back to the buyer pool (`disputed` false: no delivery).
    event Refunded(uint256 indexed listingId, address indexed pool, uint256 amount, bool disputed);

    // ---------------------------------------------------------------------------------------------
    // Governance
    // ---------------------------------------------------------------------------------------------

    /// @notice Registers `pool` with the public key deliveries to it are encrypted to. Only GOVERNOR_ROLE.
    function registerPool(IInsurancePool pool, bytes calldata publicKey) external;

    /// @notice Removes `pool`, keeping the order of the others. Only GOVERNOR_ROLE.
    function removePool(IInsurancePool pool) external;

    /// @notice Replaces the public key of `pool`. Only GOVERNOR_ROLE.
    function setPoolKey(IInsurancePool pool, bytes calldata publicKey) external;

    /// @notice Sets the delivery window (seconds after sale) and dispute window (seconds after delivery).
    /// Only GOVERNOR_ROLE.
    function setWindows(uint256 deliveryWindow, uint256 disputeWindow) external;

    /// @notice Sets the hooks contract (zero = off). Only GOVERNOR_ROLE.
    function setHooks(IMarketHooks hooks) external;

    /// @notice Pauses listing, repricing, delivery and settlement. Only PAUSER_ROLE.
    function pause() external;

    /// @notice Lifts the pause. Only PAUSER_ROLE.
    function unpause() external;

    // ---------------------------------------------------------------------------------------------
    // Sellers
    // ---------------------------------------------------------------------------------------------

    /// @notice Lists an attested secret at `ask` and offers it to the pools in the fair order.
    /// @param attestation What the attestor signed; `seller` must be the caller.
    /// @param ask Asset wei, positive.
    /// @param signature The attestor's EIP-712 signature over `attestation`.
    /// @return listingId The new listing (sequential from 1).
    /// @return buyer The pool that bought (zero when none did).
    function list(Attestation calldata attestation, uint256 ask, bytes calldata signature)
        external
        returns (uint256 listingId, address buyer);

    /// @notice Sets a new ask on an open listing and offers it again (also with an unchanged ask: pools'
    /// valuations and capital change from epoch to epoch). Only the seller.
    /// @return buyer The pool that bought (zero when none did).
    function reprice(uint256 listingId, uint256 ask) external returns (address buyer);

    /// @notice Withdraws an open listing. Only the seller.
    function cancel(uint256 listingId) external;

    /// @notice Delivers a sold secret: `ciphertextUri` locates the content encrypted to the buyer pool's
    /// public key and `ciphertextHash` commits to it. Only the seller, before the delivery deadline.
    function deliver(uint256 listingId, bytes32 ciphertextHash, string calldata ciphertextUri) external;

    // ---------------------------------------------------------------------------------------------
    // Buyers, arbiters, purgers, anyone
    // ---------------------------------------------------------------------------------------------

    /// @notice Confirms a delivery: the escrow goes to the seller. Only the buyer pool.
    function confirmDelivery(uint256 listingId) external;

    /// @notice Disputes a delivery within the dispute window. Only the buyer pool.
    function dispute(uint256 listingId, bytes32 evidenceHash) external;

    /// @notice Resolves a dispute: upheld refunds the pool, rejected pays the seller. Only ARBITER_ROLE.
    function resolveDispute(uint256 listingId, bool upheld) external;

    /// @notice Pays the seller once the dispute window after delivery has passed. Anyone.
    function settle(uint256 listingId) external;

    /// @notice Refunds the buyer pool of a sale not delivered by its deadline. Anyone.
    function refundUndelivered(uint256 listingId) external;

    /// @notice Purges open listings about a captured agent. Only PURGER_ROLE (the attestor side knows
    /// targets; the chain does not).
    function purge(uint256[] calldata listingIds) external;

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @notice The asset asks are paid in.
    function asset() external view returns (IERC20);

    /// @notice The shared epoch clock.
    function clock() external view returns (IEpochClock);

    /// @notice The hooks contract (zero = off).
    function hooks() external view returns (IMarketHooks);

    /// @notice Delivery window, seconds after a sale.
    function deliveryWindow() external view returns (uint256);

    /// @notice Dispute window, seconds after a delivery.
    function disputeWindow() external view returns (uint256);

    /// @notice Asset wei held in escrow.
    function escrowed() external view returns (uint256);

    /// @notice The registered pools, in registration order.
    function pools() external view returns (address[] memory);

    /// @notice The public key deliveries to `pool` are encrypted to.
    function poolKey(address pool) external view returns (bytes memory);

    /// @notice The pools in the order a listing is offered to them in `epoch`.
    function offerOrder(uint256 listingId, uint256 epoch) external view returns (address[] memory);

    /// @notice The listing `listingId`; reverts with `Market_UnknownListing`.
    function getListing(uint256 listingId) external view returns (Listing memory);

    /// @notice Number of listings created (the last id).
    function listingCount() external view returns (uint256);

    /// @notice Whether `attestor` has used `nonce`.
    function nonceUsed(address attestor, uint256 nonce) external view returns (bool);

    /// @notice The EIP-712 digest an attestor signs for `attestation`.
    function attestationDigest(Attestation calldata attestation) external view returns (bytes32);
}
