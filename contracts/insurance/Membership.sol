// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC5192} from "../interfaces/IERC5192.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {Errors} from "../libraries/Errors.sol";

/// @title Membership
/// @notice The soulbound mandatory-membership token of the system (ERC-721 + ERC-5192). Every mint, burn and
/// transfer passes through `_update`, which admits only mints and burns; approvals revert.
contract Membership is IMembership, ERC721, AccessControl {
    /// @notice May mint memberships tied to itself: the pools.
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @dev ERC-5192 interface id.
    bytes4 private constant _ERC5192_ID = 0xb45a3c0e;

    uint256 private _lastTokenId;
    mapping(address member => uint256 tokenId) private _tokenOf;
    mapping(uint256 tokenId => address pool) private _poolOf;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants MINTER_ROLE to pools).
    constructor(address admin) ERC721("Ingenesist Membership", "INGM") {
        if (admin == address(0)) revert Errors.ZeroAddress("admin");
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc IMembership
    function mint(address member) external override onlyRole(MINTER_ROLE) returns (uint256 tokenId) {
        if (member == address(0)) revert Errors.ZeroAddress("member");
        uint256 existing = _tokenOf[member];
        if (existing != 0) revert Membership_AlreadyMember(member, existing);
        tokenId = ++_lastTokenId;
        _tokenOf[member] = tokenId;
        _poolOf[tokenId] = msg.sender;
        // _mint, not _safeMint: a membership is an obligation, not a gift a contract may refuse.
        _mint(member, tokenId);
        emit MembershipMinted(member, msg.sender, tokenId);
        emit Locked(tokenId);
    }

    /// @inheritdoc IMembership
    function burn(address member) external override {
        uint256 tokenId = _tokenOf[member];
        if (tokenId == 0) revert Membership_NotMember(member);
        address pool = _poolOf[tokenId];
        if (msg.sender != pool) revert Membership_NotPoolOf(tokenId, msg.sender, pool);
        delete _tokenOf[member];
        delete _poolOf[tokenId];
        _burn(tokenId);
        emit MembershipBurned(member, pool, tokenId);
    }

    /// @inheritdoc IERC5192
    function locked(uint256 tokenId) external view override returns (bool) {
        _requireOwned(tokenId);
        return true;
    }

    /// @inheritdoc IMembership
    function tokenOf(address member) external view override returns (uint256) {
        return _tokenOf[member];
    }

    /// @inheritdoc IMembership
    function poolOf(uint256 tokenId) external view override returns (address) {
        return _poolOf[tokenId];
    }

    /// @inheritdoc IMembership
    function poolOfMember(address member) external view override returns (address) {
        return _poolOf[_tokenOf[member]];
    }

    /// @notice Approvals are disabled: reverts with `Membership_Soulbound`.
    function approve(address, uint256) public pure override {
        revert Membership_Soulbound();
    }

    /// @notice Approvals are disabled: reverts with `Membership_Soulbound`.
    function setApprovalForAll(address, bool) public pure override {
        revert Membership_Soulbound();
    }

    /// @notice ERC-165: ERC-721, ERC-721 metadata, ERC-5192 and AccessControl.
    function supportsInterface(bytes4 interfaceId) public view override(ERC721, AccessControl) returns (bool) {
        return interfaceId == _ERC5192_ID || super.supportsInterface(interfaceId);
    }

    /// @dev The one hook every mint, burn and transfer passes through: only mints (from zero) and burns (to
    /// zero) pass.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address from) {
        from = _ownerOf(tokenId);
        if (from != address(0) && to != address(0)) revert Membership_Soulbound();
        return super._update(to, tokenId, auth);
    }
}
