// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @notice The two kinds of secret the study trades (specification §3.1).
/// @dev Kompromat raises the risk of the pool that holds it (`alphaK`); engineering knowledge lowers it
/// (`alphaE`) and pays the buying pool a return stream.
enum SecretKind {
    Kompromat,
    Engineering
}
