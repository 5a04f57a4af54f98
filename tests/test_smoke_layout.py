def test_prod_and_dev_stacks_synthesize_with_their_resource_groups(prod, dev):
    assert prod.by_path("azurerm_resource_group", "resource-group")["name"] == "rg-tripgen-prod"
    assert dev.by_path("azurerm_resource_group", "resource-group")["name"] == "rg-tripgen-dev"
