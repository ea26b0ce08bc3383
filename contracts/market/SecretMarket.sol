// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IEpochClock} from "../interfaces/IEpochClock.sol";
import {IInsurancePool} from "../interfaces/IInsurancePool.sol";
import {IMarketHooks} from "../interfaces/IMarketHooks.sol";
import {ISecretMarket} from "../interfaces/ISecretMarket.sol";
import {SecretKind} from "../interfaces/SecretKind.sol";
import {Errors} from "../libraries/Errors.sol";
import {FixedPointMath} from "../libraries/FixedPointMath.sol";

/// @title SecretMarket
/// @notice Attested listings, fair-order offers to the registered pools, escrow, encrypted delivery,
/// disputes, refunds and purges. Accounting identity: `escrowed` equals the sum of the prices of listings in
/// Sold, Delivered or Disputed.
contract SecretMarket is ISecretMarket, AccessControl, Pausable, ReentrancyGuard, EIP712 {
    using SafeERC20 for IERC20;

    /// @notice Registers pools, sets windows and hooks.
    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");
    /// @notice Signs attestations of amount and potency.
    bytes32 public constant ATTESTOR_ROLE = keccak256("ATTESTOR_ROLE");
    /// @notice Resolves disputes.
    bytes32 public constant ARBITER_ROLE = keccak256("ARBITER_ROLE");
    /// @notice Purges listings about captured agents.
    bytes32 public constant PURGER_ROLE = keccak256("PURGER_ROLE");
    /// @notice Pauses.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @notice Most pools a market offers to (bounds every offer loop).
    uint256 public constant MAX_POOLS = 16;
    /// @notice Longest delivery or dispute window, seconds.
    uint256 public constant MAX_WINDOW = 365 days;
    /// @notice EIP-712 type hash of `Attestation`.
    bytes32 public constant ATTESTATION_TYPEHASH = keccak256(
        "Attestation(address seller,uint8 kind,bytes32 contentHash,uint256 amount,uint256 potency,address funder,uint256 nonce,uint256 deadline)"
    );

    /// @inheritdoc ISecretMarket
    IERC20 public immutable override asset;
    /// @inheritdoc ISecretMarket
    IEpochClock public immutable override clock;

    /// @inheritdoc ISecretMarket
    IMarketHooks public override hooks;
    /// @inheritdoc ISecretMarket
    uint256 public override deliveryWindow;
    /// @inheritdoc ISecretMarket
    uint256 public override disputeWindow;
    /// @inheritdoc ISecretMarket
    uint256 public override escrowed;

    IInsurancePool[] private _pools;
    mapping(address pool => bytes publicKey) private _poolKeys;
    uint256 private _lastListingId;
    mapping(uint256 listingId => Listing) private _listings;
    mapping(address attestor => mapping(uint256 nonce => bool)) private _nonceUsed;

    /// @param asset_ The asset asks are paid in.
    /// @param clock_ The shared epoch clock.
    /// @param deliveryWindow_ Seconds a seller has to deliver after a sale.
    /// @param disputeWindow_ Seconds the buyer has to dispute after a delivery.
    /// @param admin Receives DEFAULT_ADMIN_ROLE.
    constructor(IERC20 asset_, IEpochClock clock_, uint256 deliveryWindow_, uint256 disputeWindow_, address admin)
        EIP712("Ingenesist SecretMarket", "1")
    {
        if (address(asset_) == address(0)) revert Errors.ZeroAddress("asset");
        if (address(clock_) == address(0)) revert Errors.ZeroAddress("clock");
        if (admin == address(0)) revert Errors.ZeroAddress("admin");
        asset = asset_;
        clock = clock_;
        _setWindows(deliveryWindow_, disputeWindow_);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ---------------------------------------------------------------------------------------------
    // Governance
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ISecretMarket
    function registerPool(IInsurancePool pool, bytes calldata publicKey) external override onlyRole(GOVERNOR_ROLE) {
        if (address(pool) == address(0)) revert Errors.ZeroAddress("pool");
        if (publicKey.length == 0) revert Market_EmptyPublicKey(address(pool));
        if (_poolKeys[address(pool)].length != 0) revert Market_PoolAlreadyRegistered(address(pool));
        uint256 n = _pools.length;
        if (n == MAX_POOLS) revert Market_TooManyPools(MAX_POOLS);
        _pools.push(pool);
        _poolKeys[address(pool)] = publicKey;
        emit PoolRegistered(address(pool), n, publicKey);
    }

    /// @inheritdoc ISecretMarket
    function removePool(IInsurancePool pool) external override onlyRole(GOVERNOR_ROLE) {
        uint256 n = _pools.length;
        uint256 i = 0;
        while (i < n && _pools[i] != pool) ++i;
        if (i == n) revert Market_PoolNotRegistered(address(pool));
        // Shift the tail left to keep the registration order (n ≤ MAX_POOLS).
        for (; i + 1 < n; ++i) _pools[i] = _pools[i + 1];
        _pools.pop();
        delete _poolKeys[address(pool)];
        emit PoolRemoved(address(pool));
    }

    /// @inheritdoc ISecretMarket
    function setPoolKey(IInsurancePool pool, bytes calldata publicKey) external override onlyRole(GOVERNOR_ROLE) {
        if (_poolKeys[address(pool)].length == 0) revert Market_PoolNotRegistered(address(pool));
        if (publicKey.length == 0) revert Market_EmptyPublicKey(address(pool));
        _poolKeys[address(pool)] = publicKey;
        emit PoolKeySet(address(pool), publicKey);
    }

    /// @inheritdoc ISecretMarket
    function setWindows(uint256 deliveryWindow_, uint256 disputeWindow_) external override onlyRole(GOVERNOR_ROLE) {
        _setWindows(deliveryWindow_, disputeWindow_);
    }

    /// @inheritdoc ISecretMarket
    function setHooks(IMarketHooks hooks_) external override onlyRole(GOVERNOR_ROLE) {
        hooks = hooks_;
        emit HooksSet(address(hooks_));
    }

    /// @inheritdoc ISecretMarket
    function pause() external override onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @inheritdoc ISecretMarket
    function unpause() external override onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    // ---------------------------------------------------------------------------------------------
    // Sellers
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ISecretMarket
    function list(Attestation calldata a, uint256 ask, bytes calldata signature)
        external
        override
        whenNotPaused
        nonReentrant
        returns (uint256 listingId, address buyer)
    {
        // Checks
        if (a.seller != msg.sender) revert Market_NotSeller(msg.sender, a.seller);
        if (block.timestamp > a.deadline) revert Market_AttestationExpired(a.deadline, block.timestamp);
        if (a.amount == 0 || a.amount > type(uint128).max) revert Market_InvalidAmount(a.amount);
        if (a.potency > FixedPointMath.WAD) revert Market_InvalidPotency(a.potency);
        _checkAsk(ask);
        if ((a.kind == SecretKind.Kompromat) != (a.funder == address(0))) revert Market_InvalidFunder(a.kind, a.funder);
        address attestor = ECDSA.recoverCalldata(_hashTypedDataV4(_hashAttestation(a)), signature);
        if (!hasRole(ATTESTOR_ROLE, attestor)) revert Market_InvalidAttestor(attestor);
        if (_nonceUsed[attestor][a.nonce]) revert Market_NonceUsed(attestor, a.nonce);

        // Effects. Safe casts: amount and ask checked above, potency ≤ 1e18.
        _nonceUsed[attestor][a.nonce] = true;
        listingId = ++_lastListingId;
        Listing storage listing = _listings[listingId];
        listing.seller = msg.sender;
        listing.kind = a.kind;
        listing.status = ListingStatus.Open;
        listing.contentHash = a.contentHash;
        listing.amount = uint128(a.amount);
        listing.potency = uint128(a.potency);
        listing.ask = uint128(ask);
        listing.funder = a.funder;
        _emitListed(listingId, listing, attestor, a.nonce);

        // Interactions
        IMarketHooks h = hooks;
        if (address(h) != address(0)) h.onListed(listingId, msg.sender, attestor);
        buyer = _offer(listingId, listing);
    }

    /// @inheritdoc ISecretMarket
    function reprice(uint256 listingId, uint256 ask) external override whenNotPaused nonReentrant returns (address buyer) {
        Listing storage listing = _listing(listingId);
        // Checks
        _checkSeller(listingId, listing);
        _checkStatus(listingId, listing, ListingStatus.Open);
        _checkAsk(ask);
        // Effects
        uint256 oldAsk = listing.ask;
        // Safe cast: checked above.
        listing.ask = uint128(ask);
        emit Repriced(listingId, oldAsk, ask);
        // Interactions
        buyer = _offer(listingId, listing);
    }

    /// @inheritdoc ISecretMarket
    function cancel(uint256 listingId) external override {
        Listing storage listing = _listing(listingId);
        _checkSeller(listingId, listing);
        _checkStatus(listingId, listing, ListingStatus.Open);
        listing.status = ListingStatus.Cancelled;
        emit ListingCancelled(listingId);
    }

    /// @inheritdoc ISecretMarket
    function deliver(uint256 listingId, bytes32 ciphertextHash, string calldata ciphertextUri)
        external
        override
        whenNotPaused
    {
        Listing storage listing = _listing(listingId);
        // Checks
        _checkSeller(listingId, listing);
        _checkStatus(listingId, listing, ListingStatus.Sold);
        if (block.timestamp > listing.deliveryDeadline) revert Market_DeliveryDeadlinePassed(listingId, listing.deliveryDeadline);
        if (ciphertextHash == bytes32(0)) revert Market_EmptyCiphertext(listingId);
        // Effects. Safe cast: timestamps fit in 40 bits for tens of thousands of years.
        uint256 disputeDeadline = block.timestamp + disputeWindow;
        listing.status = ListingStatus.Delivered;
        listing.ciphertextHash = ciphertextHash;
        listing.disputeDeadline = uint40(disputeDeadline);
        emit Delivered(listingId, ciphertextHash, ciphertextUri, disputeDeadline);
    }

    // ---------------------------------------------------------------------------------------------
    // Buyers, arbiters, purgers, anyone
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ISecretMarket
    function confirmDelivery(uint256 listingId) external override whenNotPaused nonReentrant {
        Listing storage listing = _listing(listingId);
        _checkBuyer(listingId, listing);
        _checkStatus(listingId, listing, ListingStatus.Delivered);
        emit DeliveryConfirmed(listingId, msg.sender);
        _release(listingId, listing);
    }

    /// @inheritdoc ISecretMarket
    function dispute(uint256 listingId, bytes32 evidenceHash) external override whenNotPaused {
        Listing storage listing = _listing(listingId);
        _checkBuyer(listingId, listing);
        _checkStatus(listingId, listing, ListingStatus.Delivered);
        if (block.timestamp > listing.disputeDeadline) revert Market_DisputeWindowClosed(listingId, listing.disputeDeadline);
        listing.status = ListingStatus.Disputed;
        emit Disputed(listingId, msg.sender, evidenceHash);
    }

    /// @inheritdoc ISecretMarket
    function resolveDispute(uint256 listingId, bool upheld)
        external
        override
        onlyRole(ARBITER_ROLE)
        whenNotPaused
        nonReentrant
    {
        Listing storage listing = _listing(listingId);
        _checkStatus(listingId, listing, ListingStatus.Disputed);
        emit DisputeResolved(listingId, upheld, msg.sender);
        if (upheld) _refund(listingId, listing, true);
        else _release(listingId, listing);
    }

    /// @inheritdoc ISecretMarket
    function settle(uint256 listingId) external override whenNotPaused nonReentrant {
        Listing storage listing = _listing(listingId);
        _checkStatus(listingId, listing, ListingStatus.Delivered);
        if (block.timestamp <= listing.disputeDeadline) revert Market_DisputeWindowOpen(listingId, listing.disputeDeadline);
        _release(listingId, listing);
    }

    /// @inheritdoc ISecretMarket
    function refundUndelivered(uint256 listingId) external override whenNotPaused nonReentrant {
        Listing storage listing = _listing(listingId);
        _checkStatus(listingId, listing, ListingStatus.Sold);
        if (block.timestamp <= listing.deliveryDeadline) {
            revert Market_DeliveryDeadlineNotPassed(listingId, listing.deliveryDeadline);
        }
        _refund(listingId, listing, false);
    }

    /// @inheritdoc ISecretMarket
    function purge(uint256[] calldata listingIds) external override onlyRole(PURGER_ROLE) {
        uint256 n = listingIds.length;
        if (n == 0) revert Errors.EmptyBatch();
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = listingIds[i];
            Listing storage listing = _listing(id);
            _checkStatus(id, listing, ListingStatus.Open);
            listing.status = ListingStatus.Purged;
            emit ListingPurged(id, msg.sender);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ISecretMarket
    function pools() external view override returns (address[] memory out) {
        uint256 n = _pools.length;
        out = new address[](n);
        for (uint256 i = 0; i < n; ++i) out[i] = address(_pools[i]);
    }

    /// @inheritdoc ISecretMarket
    function poolKey(address pool) external view override returns (bytes memory) {
        return _poolKeys[pool];
    }

    /// @inheritdoc ISecretMarket
    function offerOrder(uint256 listingId, uint256 epoch) external view override returns (address[] memory order) {
        uint256 n = _pools.length;
        order = new address[](n);
        if (n == 0) return order;
        uint256 start = (listingId + epoch) % n;
        for (uint256 i = 0; i < n; ++i) order[i] = address(_pools[(start + i) % n]);
    }

    /// @inheritdoc ISecretMarket
    function getListing(uint256 listingId) external view override returns (Listing memory) {
        return _listing(listingId);
    }

    /// @inheritdoc ISecretMarket
    function listingCount() external view override returns (uint256) {
        return _lastListingId;
    }

    /// @inheritdoc ISecretMarket
    function nonceUsed(address attestor, uint256 nonce) external view override returns (bool) {
        return _nonceUsed[attestor][nonce];
    }

    /// @inheritdoc ISecretMarket
    function attestationDigest(Attestation calldata a) external view override returns (bytes32) {
        return _hashTypedDataV4(_hashAttestation(a));
    }

    // ---------------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------------

    /// @dev Offers the listing to the pools in the fair order starting at (listingId + epoch) % nPools; the
    /// first pool that buys sends the ask here. Pools are trusted contracts registered by governance; callers
    /// hold the reentrancy lock.
    function _offer(uint256 listingId, Listing storage listing) private returns (address buyer) {
        uint256 n = _pools.length;
        uint256 epoch = clock.currentEpoch();
        uint256 start = n == 0 ? 0 : (listingId + epoch) % n;
        IInsurancePool.Offer memory item = IInsurancePool.Offer({
            listingId: listingId,
            kind: listing.kind,
            amount: listing.amount,
            potency: listing.potency,
            ask: listing.ask,
            funder: listing.funder
        });
        for (uint256 i = 0; i < n; ++i) {
            IInsurancePool pool = _pools[(start + i) % n];
            uint256 before = asset.balanceOf(address(this));
            (bool bought, uint256 streamId) = pool.offer(item);
            if (!bought) continue;
            uint256 received = asset.balanceOf(address(this)) - before;
            if (received != item.ask) revert Market_EscrowShortfall(listingId, item.ask, received);
            buyer = address(pool);
            uint256 deadline = block.timestamp + deliveryWindow;
            // Safe casts: streams are numbered from 1 and stay far below 2^96; timestamps fit in 40 bits.
            listing.status = ListingStatus.Sold;
            listing.buyer = buyer;
            listing.price = listing.ask;
            listing.streamId = uint96(streamId);
            listing.deliveryDeadline = uint40(deadline);
            escrowed += item.ask;
            emit Sold(listingId, buyer, item.ask, streamId, deadline);
            break;
        }
        emit Offered(listingId, epoch, start, buyer);
    }

    /// @dev Escrow → seller (CEI: status and escrow first).
    function _release(uint256 listingId, Listing storage listing) private {
        uint256 price = listing.price;
        address seller = listing.seller;
        listing.status = ListingStatus.Settled;
        escrowed -= price;
        emit Settled(listingId, seller, price);
        asset.safeTransfer(seller, price);
        IMarketHooks h = hooks;
        if (address(h) != address(0)) h.onSettled(listingId, seller, listing.buyer, listing.kind, price);
    }

    /// @dev Escrow → buyer pool, which then reverses the purchase and cancels its stream.
    function _refund(uint256 listingId, Listing storage listing, bool disputed) private {
        uint256 price = listing.price;
        address pool = listing.buyer;
        listing.status = ListingStatus.Refunded;
        escrowed -= price;
        emit Refunded(listingId, pool, price, disputed);
        asset.safeTransfer(pool, price);
        IInsurancePool(pool).reversePurchase(listingId);
    }

    function _emitListed(uint256 listingId, Listing storage listing, address attestor, uint256 nonce) private {
        emit Listed(listingId, listing.seller, listing.kind, listing.contentHash, listing.amount, listing.potency, listing.ask, listing.funder, attestor, nonce);
    }

    function _setWindows(uint256 deliveryWindow_, uint256 disputeWindow_) private {
        if (deliveryWindow_ == 0 || disputeWindow_ == 0 || deliveryWindow_ > MAX_WINDOW || disputeWindow_ > MAX_WINDOW)
        {
            revert Market_InvalidWindow(deliveryWindow_, disputeWindow_);
        }
        deliveryWindow = deliveryWindow_;
        disputeWindow = disputeWindow_;
        emit WindowsSet(deliveryWindow_, disputeWindow_);
    }

    function _hashAttestation(Attestation calldata a) private pure returns (bytes32) {
        return keccak256(
            abi.encode(
                ATTESTATION_TYPEHASH, a.seller, a.kind, a.contentHash, a.amount, a.potency, a.funder, a.nonce, a.deadline
            )
        );
    }

    function _listing(uint256 listingId) private view returns (Listing storage listing) {
        listing = _listings[listingId];
        if (listing.status == ListingStatus.None) revert Market_UnknownListing(listingId);
    }

    function _checkStatus(uint256 listingId, Listing storage listing, ListingStatus expected) private view {
        if (listing.status != expected) revert Market_WrongStatus(listingId, listing.status);
    }

    function _checkSeller(uint256 listingId, Listing storage listing) private view {
        if (listing.seller != msg.sender) revert Market_OnlySeller(listingId, msg.sender, listing.seller);
    }

    function _checkBuyer(uint256 listingId, Listing storage listing) private view {
        if (listing.buyer != msg.sender) revert Market_OnlyBuyer(listingId, msg.sender, listing.buyer);
    }

    function _checkAsk(uint256 ask) private pure {
        if (ask == 0 || ask > type(uint128).max) revert Market_InvalidAsk(ask);
    }
}
