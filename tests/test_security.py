"""Key Vault (S-1, S-2): exact synthesized values for prod and dev, and every refusal."""

from __future__ import annotations

import pytest
from tripgen_constructs import EnvironmentConfig
from tripgen_constructs.config.errors import ConfigError
from tripgen_constructs.security import CertificateProps, KeyProps, KeyVaultProps, SecretProps

from tests import plan

VAULT = "azurerm_key_vault"
KEY = "azurerm_key_vault_key"
CERTIFICATE = "azurerm_key_vault_certificate"
ENDPOINT = "azurerm_private_endpoint"
ROLE = "azurerm_role_assignment"
CLIENT_CONFIG = "${data.azurerm_client_config.client-config.tenant_id}"
DEPLOYER = "${data.azurerm_client_config.client-config.object_id}"


# --- prod: S-1, S-2 ------------------------------------------------------------------------------


def test_prod_vault_is_premium_rbac_purge_protected_and_closed_to_the_internet(prod):
    vault = prod.by_path(VAULT, "key-vault/vault")
    assert vault["name"] == "kv-tripgen-prod"
    assert vault["location"] == "koreacentral"
    assert vault["sku_name"] == "premium"  # S-1 (HSM)
    assert vault["rbac_authorization_enabled"] is True  # S-1
    assert vault["purge_protection_enabled"] is True  # S-1
    assert vault["soft_delete_retention_days"] == 90
    assert vault["public_network_access_enabled"] is False  # S-1 private endpoint only
    assert vault["network_acls"] == {"default_action": "Deny", "bypass": "AzureServices"}
    assert vault["tenant_id"] == CLIENT_CONFIG
    assert "access_policy" not in vault  # RBAC only
    assert vault["tags"]["environment"] == "prod"


def test_each_stack_has_exactly_one_client_config_and_the_vault_uses_it(stacks):
    for stack in stacks.values():
        assert list(stack.data["data"]["azurerm_client_config"]) == ["client-config"]
        assert stack.by_path(VAULT, "key-vault/vault")["tenant_id"] == CLIENT_CONFIG


def test_prod_vault_private_endpoint_is_subresource_vault_in_the_endpoint_subnet_with_its_zone(prod):
    endpoint = prod.by_path(ENDPOINT, "key-vault/private-endpoint/endpoint")
    assert endpoint["name"] == "pe-tripgen-kv-prod"
    assert endpoint["subnet_id"] == prod.ref("azurerm_subnet", "network/spoke/subnet-snet-private-endpoints")
    connection = endpoint["private_service_connection"]
    assert connection["subresource_names"] == ["vault"]
    assert connection["private_connection_resource_id"] == prod.ref(VAULT, "key-vault/vault")
    assert connection["is_manual_connection"] is False
    assert endpoint["private_dns_zone_group"]["private_dns_zone_ids"] == [
        prod.ref("azurerm_private_dns_zone", "network/dns-vaultcore")
    ]
    zone = prod.by_path("azurerm_private_dns_zone", "network/dns-vaultcore")
    assert zone["name"] == "privatelink.vaultcore.azure.net"  # N-7


def test_secret_values_never_reach_terraform(stacks):
    for stack in stacks.values():
        assert stack.count("azurerm_key_vault_secret") == 0  # S-1: values set outside Terraform
        for cert in stack.of_type(CERTIFICATE).values():
            assert "certificate" not in cert  # no imported PFX (it would carry the private key)


def test_prod_declares_the_s1_secret_names_with_their_s2_rotation_periods_as_an_output(prod):
    outputs = prod.data["output"]
    (contract,) = [o for key, o in outputs.items() if key.startswith("key-vault_secret-contract")]
    assert contract["value"] == {
        "openai-api-key": {"kind": "api-key", "rotation_days": 180},  # S-2 API keys
        "jwt-signing-key": {"kind": "secret", "rotation_days": 90},  # S-2 secrets
        "database-password": {"kind": "secret", "rotation_days": 90},
        "external-api-key": {"kind": "api-key", "rotation_days": 180},
    }


def test_prod_encryption_key_is_hsm_backed_and_rotated_by_azure_every_90_days(prod):
    key = prod.by_path(KEY, "key-vault/key-data-encryption-key")
    assert key["name"] == "data-encryption-key"
    assert key["key_vault_id"] == prod.ref(VAULT, "key-vault/vault")
    assert key["key_type"] == "RSA-HSM"  # S-1 Premium (HSM)
    assert key["key_size"] == 3072
    assert key["key_opts"] == ["encrypt", "decrypt", "wrapKey", "unwrapKey"]
    assert key["rotation_policy"] == {  # S-2: 90 days, the old version valid 30 days more
        "automatic": {"time_after_creation": "P90D"},
        "expire_after": "P120D",
        "notify_before_expiry": "P30D",
    }


def test_keys_and_certificates_wait_for_their_deployer_role_and_the_private_endpoint(prod):
    officer = prod.ref(ROLE, "key-vault/deployer-key-vault-crypto-officer/assignment").strip("${}").rsplit(".", 1)[0]
    certs = (
        prod.ref(ROLE, "key-vault/deployer-key-vault-certificates-officer/assignment").strip("${}").rsplit(".", 1)[0]
    )
    endpoint = prod.ref(ENDPOINT, "key-vault/private-endpoint/endpoint").strip("${}").rsplit(".", 1)[0]
    key = prod.by_path(KEY, "key-vault/key-data-encryption-key")
    cert = prod.by_path(CERTIFICATE, "key-vault/certificate-wildcard-tripgen")
    assert set(key["depends_on"]) == {officer, endpoint}
    assert set(cert["depends_on"]) == {certs, endpoint}


def test_prod_deployer_gets_only_the_officer_roles_on_the_vault(prod):
    grants = {
        path: (body["role_definition_name"], body["scope"], body["principal_id"])
        for path, body in prod.of_type(ROLE).items()
        if path.startswith("key-vault/")
    }
    vault = prod.ref(VAULT, "key-vault/vault")
    assert grants == {
        "key-vault/deployer-key-vault-crypto-officer/assignment": ("Key Vault Crypto Officer", vault, DEPLOYER),
        "key-vault/deployer-key-vault-certificates-officer/assignment": (
            "Key Vault Certificates Officer",
            vault,
            DEPLOYER,
        ),
    }


def test_prod_wildcard_certificate_is_valid_365_days_and_mails_its_contacts_30_days_before_expiry(prod):
    cert = prod.by_path(CERTIFICATE, "key-vault/certificate-wildcard-tripgen")
    assert cert["name"] == "wildcard-tripgen"  # the perimeter's listener certificate (G-2)
    assert "certificate" not in cert  # nothing imported: the key never leaves the vault via Terraform
    policy = cert["certificate_policy"]
    assert policy["issuer_parameters"] == {"name": "Unknown"}
    assert policy["x509_certificate_properties"]["validity_in_months"] == 12  # S-2: 365 days
    assert policy["x509_certificate_properties"]["subject"] == "CN=*.tripgen.example"
    assert policy["x509_certificate_properties"]["subject_alternative_names"] == {
        "dns_names": ["*.tripgen.example", "tripgen.example"]
    }
    assert policy["lifetime_action"] == [
        {"action": {"action_type": "EmailContacts"}, "trigger": {"days_before_expiry": 30}}
    ]
    assert policy["key_properties"] == {"exportable": True, "key_type": "RSA", "key_size": 2048, "reuse_key": False}


# --- dev (D-1, D-2) ------------------------------------------------------------------------------


def test_dev_vault_is_standard_without_purge_protection_but_still_private(dev):
    vault = dev.by_path(VAULT, "key-vault/vault")
    assert vault["name"] == "kv-tripgen-dev"
    assert vault["sku_name"] == "standard"  # D-1
    assert vault["soft_delete_retention_days"] == 7
    assert vault["purge_protection_enabled"] is False
    assert vault["public_network_access_enabled"] is False  # D-2
    assert vault["network_acls"] == {"default_action": "Deny", "bypass": "AzureServices"}
    assert dev.by_path(ENDPOINT, "key-vault/private-endpoint/endpoint")["private_service_connection"][
        "subresource_names"
    ] == ["vault"]


def test_dev_keys_are_software_keys_and_its_self_signed_certificate_renews_itself(dev):
    assert dev.by_path(KEY, "key-vault/key-data-encryption-key")["key_type"] == "RSA"
    policy = dev.by_path(CERTIFICATE, "key-vault/certificate-wildcard-tripgen")["certificate_policy"]
    assert policy["issuer_parameters"] == {"name": "Self"}
    assert policy["lifetime_action"] == [
        {"action": {"action_type": "AutoRenew"}, "trigger": {"days_before_expiry": 30}}
    ]


# --- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize("days", [0, 6, 91, 365])
def test_soft_delete_outside_7_to_90_days_is_refused(days):
    with pytest.raises(ConfigError, match=rf"'soft_delete_retention_days' must be within 7-90 days .*got {days}"):
        KeyVaultProps(soft_delete_retention_days=days)


@pytest.mark.parametrize("days", [7, 90])
def test_soft_delete_at_the_bounds_is_accepted(days):
    assert KeyVaultProps(soft_delete_retention_days=days).soft_delete_retention_days == days


def test_purge_protection_off_is_refused_in_production():
    with pytest.raises(ConfigError, match=r"'key_vault.purge_protection' must be true in a production environment"):
        EnvironmentConfig(
            **plan.environment(
                location="koreacentral", name="prod", production=True, key_vault=KeyVaultProps(purge_protection=False)
            )
        )


@pytest.mark.parametrize(
    "name",
    ["kv", "1kv-tripgen", "kv--tripgen", "kv-tripgen-", "kv_tripgen", "kv-tripgen-production-east1"],
)
def test_vault_names_breaking_azure_rules_are_refused(name):
    with pytest.raises(ConfigError, match=r"'key_vault.name' must be 3-24 letters, digits and single hyphens"):
        KeyVaultProps(name=name)


def test_a_valid_vault_name_override_is_kept():
    assert KeyVaultProps(name="kv-tripgen-prod-01").name == "kv-tripgen-prod-01"


def test_secret_names_with_underscores_are_refused_as_azure_does():
    with pytest.raises(ConfigError, match=r"'name' must be 1-127 letters, digits and hyphens .*'openai_api_key'"):
        SecretProps(name="openai_api_key")


def test_a_certificate_named_like_a_secret_is_refused():
    with pytest.raises(ConfigError, match=r"'certificates' must be names no secret or key uses .*\['tls'\]"):
        KeyVaultProps(
            secrets=(SecretProps(name="TLS"),), certificates=(CertificateProps.wildcard("tls", "tripgen.example"),)
        )


def test_duplicate_secret_names_differing_in_case_are_refused():
    with pytest.raises(ConfigError, match=r"'secrets' must be unique names \(case-insensitive\), got \['jwt'\]"):
        KeyVaultProps(secrets=(SecretProps(name="jwt"), SecretProps(name="JWT")))


def test_a_secret_and_a_key_may_share_a_name_as_azure_allows():
    props = KeyVaultProps(secrets=(SecretProps(name="signing"),), keys=(KeyProps(name="signing"),))
    assert [s.name for s in props.secrets] == [k.name for k in props.keys] == ["signing"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"rotate_after_days": 5}, r"'keys.k.rotate_after_days' must be at least 7"),
        ({"grace_days": 3}, r"'keys.k.grace_days' must be at least 7"),
        ({"rotate_after_days": 10, "grace_days": 10}, r"'keys.k.rotate_after_days \+ grace_days' must be at least 28"),
    ],
)
def test_key_rotation_periods_azure_rejects_are_refused(fields, message):
    with pytest.raises(ConfigError, match=message):
        KeyProps(name="k", **fields)


def test_certificate_renewal_trigger_beyond_its_lifetime_is_refused():
    with pytest.raises(ConfigError, match=r"'certificates.c.renew_days_before_expiry' must be within 1-27 .*got 40"):
        CertificateProps(name="c", subject="CN=x.example", validity_months=1, renew_days_before_expiry=40)


def test_rotation_periods_follow_s2_by_kind():
    assert SecretProps(name="a").rotation_days == 90
    assert SecretProps(name="b", kind="api-key").rotation_days == 180
    assert CertificateProps(name="c", subject="CN=x.example").validity_months == 12
    assert CertificateProps(name="c", subject="CN=x.example", issuer="DigiCert").action == "AutoRenew"


# --- PrivateEndpoint refuses a subresource or zone that does not match the vault -----------------


def _vault_and_network(zone_name: str):  # type: ignore[no-untyped-def]
    from tripgen_constructs._cdk import azurerm, cdk

    stack = cdk.TerraformStack(cdk.App(), "scratch")
    vault = azurerm.key_vault.KeyVault(
        stack,
        "vault",
        name="kv-x",
        location="koreacentral",
        resource_group_name="rg",
        sku_name="premium",
        tenant_id="t",
    )
    subnet = azurerm.subnet.Subnet(
        stack, "subnet", name="s", resource_group_name="rg", virtual_network_name="v", address_prefixes=["10.0.0.0/24"]
    )
    zone = azurerm.private_dns_zone.PrivateDnsZone(stack, "zone", name=zone_name, resource_group_name="rg")
    return stack, vault, subnet, zone


def _endpoint(subresource: str, zone_name: str) -> None:
    from tripgen_constructs.private_endpoint import PrivateEndpoint

    stack, vault, subnet, zone = _vault_and_network(zone_name)
    PrivateEndpoint(
        stack,
        "pe",
        target=vault,
        subresource=subresource,
        subnet=subnet,
        dns_zone=zone,
        name="pe-x",
        location="koreacentral",
        resource_group_name="rg",
        tags={},
    )


def test_private_endpoint_with_a_subresource_the_vault_does_not_offer_is_refused():
    with pytest.raises(
        ValueError, match=r"'subresource' must be one of \['vault'\] for azurerm_key_vault, got 'namespace'"
    ):
        _endpoint("namespace", "privatelink.servicebus.windows.net")


def test_private_endpoint_with_the_zone_of_another_subresource_is_refused():
    with pytest.raises(
        ValueError, match=r"'dns_zone' must be 'privatelink.vaultcore.azure.net' for subresource 'vault'"
    ):
        _endpoint("vault", "privatelink.blob.core.windows.net")
