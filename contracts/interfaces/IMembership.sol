// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC5192} from "./IERC5192.sol";

/// @title IMembership
/// @notice The system's soulbound mandatory-membership token (ERC-721 + ERC-5192): one token per member,
/// tied to one pool. `locked` is always true; every transfer and approval path reverts with
/// `Membership_Soulbound`. Pools (MINTER_ROLE) mint to and burn from their own members.
interface IMembership is IERC5192 {
    /// @notice Transfers and approvals are disabled: the token is soulbound.
    error Membership_Soulbound();

    /// @notice `member` already holds membership `tokenId` (a member belongs to at most one pool).
    error Membership_AlreadyMember(address member, uint256 tokenId);

    /// @notice `member` holds no membership.
    error Membership_NotMember(address member);

    /// @notice Only the pool a membership is tied to may burn it.
    error Membership_NotPoolOf(uint256 tokenId, address caller, address pool);

    /// @notice Emitted when a membership is minted.
    event MembershipMinted(address indexed member, address indexed pool, uint256 indexed tokenId);

    /// @notice Emitted when a membership is burned.
    event MembershipBurned(address indexed member, address indexed pool, uint256 indexed tokenId);

    /// @notice Mints a membership of `member` in the calling pool. Only MINTER_ROLE (pools).
    /// @return tokenId The new token (sequential from 1).
    function mint(address member) external returns (uint256 tokenId);

    /// @notice Burns the membership of `member`. Only the pool it is tied to.
    function burn(address member) external;

    /// @notice The token of `member` (0 when none).
    function tokenOf(address member) external view returns (uint256);

    /// @notice The pool `tokenId` is tied to (zero when the token does not exist).
    function poolOf(uint256 tokenId) external view returns (address);

    /// @notice The pool `member` belongs to (zero when none).
    function poolOfMember(address member) external view returns (address);
}
