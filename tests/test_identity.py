"""Services identity (S-4, K-9): exact synthesized values for prod and dev, and every refusal."""

from __future__ import annotations

import pytest
from tripgen_constructs import EnvironmentConfig
from tripgen_constructs.config.errors import ConfigError
from tripgen_constructs.identity import ServiceIdentityProps

from tests import plan

IDENTITY = "azurerm_user_assigned_identity"
FEDERATED = "azurerm_federated_identity_credential"
ROLE = "azurerm_role_assignment"
ACCOUNTS = ("user-service-sa", "trip-service-sa", "ai-service-sa", "location-service-sa")


def services_grants(stack) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(role, scope) of every role assignment whose principal is the services identity."""
    principal = stack.ref(IDENTITY, "services-identity/identity", "principal_id")
    return {
        (g["role_definition_name"], g["scope"]) for g in stack.of_type(ROLE).values() if g["principal_id"] == principal
    }


# --- prod: K-9, S-4 ------------------------------------------------------------------------------


def test_prod_identity_is_id_tripgen_services_prod(prod):
    identity = prod.by_path(IDENTITY, "services-identity/identity")
    assert identity["name"] == "id-tripgen-services-prod"  # K-9 "tripgen-services" per environment
    assert identity["location"] == "koreacentral"
    assert identity["tags"]["environment"] == "prod"


def test_prod_each_service_account_of_production_is_federated_with_the_aks_oidc_issuer(prod):
    issuer = prod.ref("azurerm_kubernetes_cluster", "aks/cluster", "oidc_issuer_url")
    parent = prod.ref(IDENTITY, "services-identity/identity")
    credentials = prod.of_type(FEDERATED)
    assert {c["subject"] for c in credentials.values()} == {
        "system:serviceaccount:production:user-service-sa",
        "system:serviceaccount:production:trip-service-sa",
        "system:serviceaccount:production:ai-service-sa",
        "system:serviceaccount:production:location-service-sa",
    }
    for account in ACCOUNTS:
        credential = prod.by_path(FEDERATED, f"services-identity/federated-{account}")
        assert credential["name"] == account
        assert credential["issuer"] == issuer
        assert credential["parent_id"] == parent
        assert credential["audience"] == ["api://AzureADTokenExchange"]


def test_federated_credentials_are_created_one_after_another(prod):
    # Azure refuses concurrent credential writes on one identity.
    chain = [prod.by_path(FEDERATED, f"services-identity/federated-{a}") for a in ACCOUNTS]
    assert "depends_on" not in chain[0]
    for previous_account, credential in zip(ACCOUNTS, chain[1:], strict=False):
        expected = prod.ref(FEDERATED, f"services-identity/federated-{previous_account}").strip("${}").rsplit(".", 1)[0]
        assert credential["depends_on"] == [expected]


def test_prod_services_identity_gets_exactly_its_least_privilege_roles_on_single_resources(prod):
    vault = prod.ref("azurerm_key_vault", "key-vault/vault")
    namespace = prod.ref("azurerm_servicebus_namespace", "messaging/namespace")
    dr_namespace = prod.ref("azurerm_servicebus_namespace", "messaging/dr-namespace")
    storage = prod.ref("azurerm_storage_account", "data/backup-storage/account")
    assert services_grants(prod) == {
        ("Key Vault Secrets User", vault),  # S-4 secrets read
        ("Key Vault Certificate User", vault),  # S-4 certificates read
        ("Key Vault Crypto User", vault),  # S-1 encryption keys: use, not manage
        ("Azure Service Bus Data Sender", namespace),  # S-4
        ("Azure Service Bus Data Receiver", namespace),
        ("Azure Service Bus Data Sender", dr_namespace),  # M-2: still allowed after a failover
        ("Azure Service Bus Data Receiver", dr_namespace),
        ("Storage Blob Data Contributor", storage),  # S-4 storage read/write
    }


def test_no_role_assignment_in_either_stack_is_scoped_to_a_group_or_the_subscription(stacks):
    for stack in stacks.values():
        for path, grant in stack.of_type(ROLE).items():
            scope = grant["scope"]
            assert scope.startswith("${azurerm_") and not scope.startswith("${azurerm_resource_group."), path
            assert "/subscriptions/" not in scope and "azurerm_subscription" not in scope, path


def test_prod_services_identity_connects_to_redis_with_the_data_contributor_policy(prod):
    (assignment,) = prod.of_type("azurerm_redis_cache_access_policy_assignment").values()
    assert assignment["access_policy_name"] == "Data Contributor"
    assert assignment["object_id"] == prod.ref(IDENTITY, "services-identity/identity", "principal_id")
    assert assignment["redis_cache_id"] == prod.ref("azurerm_redis_cache", "data/redis/cache")
    assert assignment["name"] == assignment["object_id_alias"] == "id-tripgen-services-prod"


def test_prod_services_identity_is_the_postgresql_entra_administrator(prod):
    admin = prod.by_path(
        "azurerm_postgresql_flexible_server_active_directory_administrator", "services-identity/postgres-entra-admin"
    )
    assert admin["object_id"] == prod.ref(IDENTITY, "services-identity/identity", "principal_id")
    assert admin["principal_name"] == "id-tripgen-services-prod"
    assert admin["principal_type"] == "ServicePrincipal"
    assert admin["server_name"] == prod.ref("azurerm_postgresql_flexible_server", "data/postgres/server", "name")
    assert admin["tenant_id"] == "${data.azurerm_client_config.client-config.tenant_id}"


def test_the_client_id_for_the_service_accounts_is_an_output(prod):
    outputs = prod.data["output"]
    assert outputs["services_identity_client_id"]["value"] == prod.ref(
        IDENTITY, "services-identity/identity", "client_id"
    )


def test_dev_identity_has_the_same_shape_without_a_dr_namespace(dev):
    assert dev.by_path(IDENTITY, "services-identity/identity")["name"] == "id-tripgen-services-dev"
    assert dev.count(FEDERATED) == 4
    namespace = dev.ref("azurerm_servicebus_namespace", "messaging/namespace")
    assert {role for role, scope in services_grants(dev) if scope == namespace} == {
        "Azure Service Bus Data Sender",
        "Azure Service Bus Data Receiver",
    }
    assert len(services_grants(dev)) == 6


# --- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize("account", ["User_Service", "user-service-sa-", "-sa", "a" * 64, ""])
def test_service_account_names_kubernetes_refuses_are_refused(account):
    with pytest.raises(ConfigError, match=r"'service_accounts' must be 1-63 lowercase letters, digits and '-'"):
        ServiceIdentityProps(service_accounts=(account,))


def test_duplicate_service_accounts_are_refused():
    with pytest.raises(
        ConfigError, match=r"'service_accounts' must be unique service account names, got \['ai-service-sa'\]"
    ):
        ServiceIdentityProps(service_accounts=("ai-service-sa", "trip-service-sa", "ai-service-sa"))


def test_more_service_accounts_than_azure_allows_credentials_are_refused():
    with pytest.raises(ConfigError, match=r"'service_accounts' must be 1-20 accounts .*got 21"):
        ServiceIdentityProps(service_accounts=tuple(f"sa-{i}" for i in range(21)))


def test_an_invalid_namespace_is_refused():
    with pytest.raises(ConfigError, match=r"'namespace' must be 1-63 lowercase letters, digits and '-'.*'Production'"):
        ServiceIdentityProps(namespace="Production")


def test_role_grant_at_subscription_or_resource_group_scope_is_refused():
    from tripgen_constructs._cdk import azurerm, cdk
    from tripgen_constructs.rbac import RoleGrant

    stack = cdk.TerraformStack(cdk.App(), "scratch")
    subscription = azurerm.data_azurerm_subscription.DataAzurermSubscription(stack, "subscription")
    group = azurerm.resource_group.ResourceGroup(stack, "rg", name="rg", location="koreacentral")
    for target, kind in ((subscription, "azurerm_subscription"), (group, "azurerm_resource_group")):
        with pytest.raises(ValueError, match=rf"'target' must be a single resource, not a subscription.*got '{kind}'"):
            RoleGrant(stack, f"grant-{kind}", target=target, role="Reader", principal_id="p")


def _identity(props: ServiceIdentityProps):
    """A ``ServiceIdentity`` of ``props`` alone in a scratch stack (no environment around it)."""
    from tripgen_constructs._cdk import azurerm, cdk
    from tripgen_constructs.config.naming import Naming
    from tripgen_constructs.identity import ServiceIdentity

    stack = cdk.TerraformStack(cdk.App(), "scratch")
    group = azurerm.resource_group.ResourceGroup(stack, "rg", name="rg", location="westeurope")
    return ServiceIdentity(
        stack, "id", props=props, naming=Naming("shop", "dev"), location="westeurope", resource_group=group, tags={}
    )


def test_federating_an_identity_twice_is_refused():
    identity = _identity(ServiceIdentityProps(namespace=plan.NAMESPACE, service_accounts=("orders-service-sa",)))
    identity.federate("https://issuer.example/")
    with pytest.raises(ValueError, match=r"'federate' must be called once per identity"):
        identity.federate("https://other.example/")


def test_an_identity_outside_an_environment_must_name_its_namespace_and_accounts():
    with pytest.raises(
        ValueError, match=r"'identity.namespace' must be given: outside an EnvironmentConfig no workloads fill it in"
    ):
        _identity(ServiceIdentityProps(service_accounts=("orders-service-sa",)))
    with pytest.raises(ValueError, match=r"'identity.service_accounts' must be given"):
        _identity(ServiceIdentityProps(namespace=plan.NAMESPACE))


def test_in_an_environment_the_identity_federates_every_workload_account_in_its_namespace():
    identity = EnvironmentConfig(**plan.environment()).identity
    assert (identity.namespace, identity.service_accounts) == ("shop", ("orders-service-sa", "cart-service-sa"))
