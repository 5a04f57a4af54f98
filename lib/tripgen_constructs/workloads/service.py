"""``ServiceWorkload``: one microservice's Kubernetes objects (W table, K-5, K-6, K-9, N-8)."""

from __future__ import annotations

from ..config.aks import NodePoolProps
from ..config.workloads import ServiceWorkloadProps
from ._k8s import Construct, k8s

ZONE_KEY = "topology.kubernetes.io/zone"  # K-5
HOST_KEY = "kubernetes.io/hostname"  # K-5
POOL_LABEL = "kubernetes.azure.com/agentpool"
"""Label AKS puts on every node with its pool's name."""
ZONE_MAX_SKEW = 1  # K-5: replicas differ by at most one between zones
ANTI_AFFINITY_WEIGHT = 100  # K-5: strongest preference; "required" would cap replicas at node count
PROBE_PERIOD_SECONDS = 10
READINESS_FAILURE_THRESHOLD = 3  # out of the Service after 30 s unhealthy, like liveness (K-6)
STARTUP_FAILURE_THRESHOLD = 30
"""The startup probe gives a JVM 30 × 10 s to boot before K-6's liveness (3 failures) applies."""
WORKLOAD_IDENTITY_CLIENT_ID = "azure.workload.identity/client-id"  # K-9
WORKLOAD_IDENTITY_USE = "azure.workload.identity/use"  # K-9
TIER_LABEL = {"tier": "application"}  # W-2 selects on it
PART_OF_LABEL = "app.kubernetes.io/part-of"  # Kubernetes' recommended label: the application's name


def tolerations(pool: NodePoolProps) -> list[k8s.Toleration]:
    """Tolerate exactly the pool's taints (K-4: ``application-workload=true:NoSchedule``)."""
    result = []
    for taint in pool.taints:
        key_value, effect = taint.rsplit(":", 1)
        key, value = key_value.split("=", 1)
        result.append(k8s.Toleration(key=key, operator="Equal", value=value, effect=effect))
    return result


class ServiceWorkload(Construct):
    """ServiceAccount (workload identity), Deployment, Service, HPA (autoscaling/v2) and PDB of one
    service, all named ``<name>-service`` in ``namespace``, scheduled on ``pool`` only."""

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        props: ServiceWorkloadProps,
        namespace: str,
        image: str,
        pool: NodePoolProps,
        identity_client_id: str,
        part_of: str,
    ) -> None:
        """``part_of``: the application the service belongs to (``app.kubernetes.io/part-of``, the
        environment's workload)."""
        super().__init__(scope, id)
        name = props.service_name
        selector = {"app": name}
        labels = {**selector, **TIER_LABEL, PART_OF_LABEL: part_of}
        meta = k8s.ObjectMeta(name=name, namespace=namespace, labels=labels)
        match = k8s.LabelSelector(match_labels=selector)

        self.service_account = k8s.KubeServiceAccount(
            self,
            "service-account",
            metadata=k8s.ObjectMeta(
                name=props.service_account_name,
                namespace=namespace,
                labels=labels,
                annotations={WORKLOAD_IDENTITY_CLIENT_ID: identity_client_id},
            ),
        )

        def probe(failure_threshold: int) -> k8s.Probe:
            return k8s.Probe(
                http_get=k8s.HttpGetAction(path=props.health_path, port=k8s.IntOrString.from_string("http")),
                period_seconds=PROBE_PERIOD_SECONDS,
                failure_threshold=failure_threshold,
            )

        container = k8s.Container(
            name=name,
            image=image,
            ports=[k8s.ContainerPort(name="http", container_port=props.port, protocol="TCP")],
            resources=k8s.ResourceRequirements(
                requests={
                    "cpu": k8s.Quantity.from_string(props.cpu_request),
                    "memory": k8s.Quantity.from_string(props.memory_request),
                },
                limits={
                    "cpu": k8s.Quantity.from_string(props.cpu_limit),
                    "memory": k8s.Quantity.from_string(props.memory_limit),
                },
            ),
            startup_probe=probe(STARTUP_FAILURE_THRESHOLD),
            liveness_probe=probe(props.liveness_failure_threshold),
            readiness_probe=probe(READINESS_FAILURE_THRESHOLD),
            security_context=k8s.SecurityContext(
                allow_privilege_escalation=False,
                run_as_non_root=True,
                capabilities=k8s.Capabilities(drop=["ALL"]),
            ),
        )
        self.deployment = k8s.KubeDeployment(
            self,
            "deployment",
            metadata=meta,
            spec=k8s.DeploymentSpec(
                replicas=props.replicas,
                selector=match,
                template=k8s.PodTemplateSpec(
                    metadata=k8s.ObjectMeta(labels={**labels, WORKLOAD_IDENTITY_USE: "true"}),
                    spec=k8s.PodSpec(
                        service_account_name=props.service_account_name,
                        node_selector={POOL_LABEL: pool.name},
                        tolerations=tolerations(pool),
                        topology_spread_constraints=[
                            k8s.TopologySpreadConstraint(
                                max_skew=ZONE_MAX_SKEW,
                                topology_key=ZONE_KEY,
                                when_unsatisfiable="DoNotSchedule",
                                label_selector=match,
                                node_taints_policy="Honor",
                            )
                        ],
                        affinity=k8s.Affinity(
                            pod_anti_affinity=k8s.PodAntiAffinity(
                                preferred_during_scheduling_ignored_during_execution=[
                                    k8s.WeightedPodAffinityTerm(
                                        weight=ANTI_AFFINITY_WEIGHT,
                                        pod_affinity_term=k8s.PodAffinityTerm(
                                            label_selector=match, topology_key=HOST_KEY
                                        ),
                                    )
                                ]
                            )
                        ),
                        security_context=k8s.PodSecurityContext(
                            seccomp_profile=k8s.SeccompProfile(type="RuntimeDefault")
                        ),
                        containers=[container],
                    ),
                ),
            ),
        )
        self.service = k8s.KubeService(
            self,
            "service",
            metadata=meta,
            spec=k8s.ServiceSpec(
                type="ClusterIP",
                selector=selector,
                ports=[
                    k8s.ServicePort(
                        name="http",
                        port=props.port,
                        target_port=k8s.IntOrString.from_string("http"),
                        protocol="TCP",
                    )
                ],
            ),
        )

        def utilization(resource: str, percent: int) -> k8s.MetricSpecV2:
            return k8s.MetricSpecV2(
                type="Resource",
                resource=k8s.ResourceMetricSourceV2(
                    name=resource,
                    target=k8s.MetricTargetV2(type="Utilization", average_utilization=percent),
                ),
            )

        metric = props.custom_metric
        threshold = metric.threshold
        assert threshold is not None  # CustomMetric refuses None
        self.autoscaler = k8s.KubeHorizontalPodAutoscalerV2(
            self,
            "autoscaler",
            metadata=meta,
            spec=k8s.HorizontalPodAutoscalerSpecV2(
                scale_target_ref=k8s.CrossVersionObjectReferenceV2(api_version="apps/v1", kind="Deployment", name=name),
                min_replicas=props.min_replicas,
                max_replicas=props.max_replicas,
                metrics=[
                    utilization("cpu", props.cpu_target_percent),
                    utilization("memory", props.memory_target_percent),
                    k8s.MetricSpecV2(
                        type="Pods",
                        pods=k8s.PodsMetricSourceV2(
                            metric=k8s.MetricIdentifierV2(name=metric.name),
                            target=k8s.MetricTargetV2(
                                type="AverageValue",
                                average_value=k8s.Quantity.from_number(threshold),
                            ),
                        ),
                    ),
                ],
            ),
        )
        self.disruption_budget = None
        if props.pdb_min_available is not None:
            self.disruption_budget = k8s.KubePodDisruptionBudget(
                self,
                "disruption-budget",
                metadata=meta,
                spec=k8s.PodDisruptionBudgetSpec(
                    min_available=k8s.IntOrString.from_number(props.pdb_min_available),
                    selector=match,
                ),
            )
