"""The Terraform stack exposes the client id the workload ServiceAccounts need (K-9)."""


def test_stack_outputs_the_services_identity_client_id(prod):
    identities = prod.resources["azurerm_user_assigned_identity"]
    [address] = [
        key
        for key, body in identities.items()
        if body["//"]["metadata"]["path"].endswith("/services-identity/identity")
    ]
    output = prod.data["output"]["services_identity_client_id"]
    assert output["value"] == f"${{azurerm_user_assigned_identity.{address}.client_id}}"
