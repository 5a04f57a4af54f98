"""Dev (D-1, D-2): same constructs and topology, one zone, small SKUs, no DR region; still private."""

from tripgen_constructs import EnvironmentConfig, NetworkProps, NodePoolProps, ObservabilityProps, ZonalAksClusterProps

DEV = EnvironmentConfig(
    name="dev",
    production=False,
    zone_redundant=False,
    dr_location=None,
    tags={"owner": "platform", "cost-center": "tripgen"},
    network=NetworkProps(dr_spoke=None),
    aks=ZonalAksClusterProps(
        sku_tier="Free",
        system_pool=NodePoolProps(name="system", vm_size="Standard_D2s_v3", min_count=1, max_count=2, zones=("1",)),
        application_pool=NodePoolProps(
            name="application",
            vm_size="Standard_D4s_v3",
            min_count=1,
            max_count=3,
            zones=("1",),
            taints=("application-workload=true:NoSchedule",),
        ),
    ),
    observability=ObservabilityProps(retention_days=30, daily_quota_gb=1),
)
