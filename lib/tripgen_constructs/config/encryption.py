"""``CustomerManagedKey``: encryption at rest under our own key (S-3), one piece for every service.

A service that encrypts with a customer-managed key needs the same three things: a rotated key in
the vault, a user-assigned identity the service acts as, and the one role that lets that identity
wrap and unwrap with the vault's keys. Disks (AKS), Service Bus and storage all take them from here.
"""

from __future__ import annotations

from pydantic import Field

from .props import Props

ENCRYPTION_ROLE = "Key Vault Crypto Service Encryption User"
"""The least-privileged built-in role for a service's key wrapping (get, wrapKey, unwrapKey)."""


class EncryptionProps(Props):
    """How data at rest is encrypted (S-3)."""

    customer_managed_keys: bool = True
    """S-3 "encryption at rest", enterprise-grade: AKS disks, Service Bus and backup storage under
    keys of our vault. Azure requires purge protection on that vault."""
    infrastructure_encryption: bool = True
    """A second, platform-key encryption layer where the service offers it (double encryption)."""
    key_rotation_days: int = Field(default=90, ge=7)
    """S-2: rotation period of the encryption keys."""
