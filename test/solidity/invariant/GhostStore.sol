// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title GhostStore
/// @notice The ghost totals of the invariant suite, kept apart from the handler and from the system: every
/// figure is a flow the handler *measured* as a change of token balances around a successful call, never a
/// value read from the contracts' own accounting. Only the handler writes; the invariants read.
contract GhostStore {
    /// @notice Measured flows of one pool, asset wei.
    struct PoolFlows {
        uint256 funded;
        uint256 premiums;
        uint256 subscriptions;
        uint256 income;
        uint256 claims;
        /// @dev Asks paid into escrow.
        uint256 purchases;
        /// @dev Asks refunded from escrow.
        uint256 refunds;
    }

    /// @notice The flows frozen when a pool went bankrupt.
    struct Frozen {
        bool bankrupt;
        uint256 funded;
        uint256 premiums;
        uint256 subscriptions;
        uint256 claims;
        uint256 purchases;
    }

    error GhostStore_NotWriter(address caller);

    address public immutable writer;

    mapping(uint256 pool => PoolFlows) private _flows;
    mapping(uint256 pool => Frozen) private _frozen;
    mapping(uint256 pool => mapping(bytes32 lossId => uint256 payouts)) public paymentsOf;

    /// @notice Asset wei paid into / out of the market's escrow.
    uint256 public escrowIn;
    uint256 public escrowOut;
    /// @notice Asset wei the funder deposited into streams / got back on cancellations.
    uint256 public streamDeposits;
    uint256 public streamRefunds;
    /// @notice Credit minted / burned.
    uint256 public creditMinted;
    uint256 public creditBurned;
    /// @notice Successful claims on a loss id that had already been paid (must stay 0).
    uint256 public doubleClaims;
    /// @notice Successful cover, subscription, claim, funding or purchase by a pool already bankrupt (must stay 0).
    uint256 public bankruptActions;

    /// @notice Handler calls and successful calls, per handler function.
    mapping(bytes4 selector => uint256) public calls;
    mapping(bytes4 selector => uint256) public successes;

    constructor(address writer_) {
        writer = writer_;
    }

    modifier onlyWriter() {
        if (msg.sender != writer) revert GhostStore_NotWriter(msg.sender);
        _;
    }

    function flows(uint256 pool) external view returns (PoolFlows memory) {
        return _flows[pool];
    }

    function frozen(uint256 pool) external view returns (Frozen memory) {
        return _frozen[pool];
    }

    function called(bytes4 selector) external onlyWriter {
        calls[selector]++;
    }

    function succeeded(bytes4 selector) external onlyWriter {
        successes[selector]++;
    }

    function addFunded(uint256 pool, uint256 amount) external onlyWriter {
        _flows[pool].funded += amount;
    }

    function addPremium(uint256 pool, uint256 amount) external onlyWriter {
        _flows[pool].premiums += amount;
    }

    function addSubscription(uint256 pool, uint256 amount) external onlyWriter {
        _flows[pool].subscriptions += amount;
    }

    function addIncome(uint256 pool, uint256 amount) external onlyWriter {
        _flows[pool].income += amount;
    }

    function addClaim(uint256 pool, bytes32 lossId, uint256 amount) external onlyWriter {
        if (paymentsOf[pool][lossId] != 0) doubleClaims++;
        paymentsOf[pool][lossId]++;
        _flows[pool].claims += amount;
    }

    function addPurchase(uint256 pool, uint256 amount) external onlyWriter {
        _flows[pool].purchases += amount;
        escrowIn += amount;
    }

    function addRefund(uint256 pool, uint256 amount) external onlyWriter {
        _flows[pool].refunds += amount;
        escrowOut += amount;
    }

    function addRelease(uint256 amount) external onlyWriter {
        escrowOut += amount;
    }

    function addStreamDeposit(uint256 amount) external onlyWriter {
        streamDeposits += amount;
    }

    function addStreamRefund(uint256 amount) external onlyWriter {
        streamRefunds += amount;
    }

    function addMinted(uint256 amount) external onlyWriter {
        creditMinted += amount;
    }

    function addBurned(uint256 amount) external onlyWriter {
        creditBurned += amount;
    }

    function addBankruptAction() external onlyWriter {
        bankruptActions++;
    }

    /// @notice Records that `pool` went bankrupt, freezing its flows as they are now.
    function freeze(uint256 pool) external onlyWriter {
        PoolFlows memory f = _flows[pool];
        _frozen[pool] = Frozen({
            bankrupt: true,
            funded: f.funded,
            premiums: f.premiums,
            subscriptions: f.subscriptions,
            claims: f.claims,
            purchases: f.purchases
        });
    }
}
