"""``ClusterRbac``: the cluster roles of S-5 and their bindings to the services' accounts."""

from __future__ import annotations

from ._k8s import Construct, k8s

ROLES: dict[str, tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]] = {
    # role: ((api group, resources, verbs), ...)  # S-5
    "application-reader": (("", ("pods", "services", "configmaps", "secrets"), ("get", "list", "watch")),),
    "application-writer": (
        ("apps", ("deployments",), ("create", "update", "patch", "delete")),
        ("", ("services",), ("create", "update", "patch", "delete")),
    ),
    "monitoring-reader": (
        ("metrics.k8s.io", ("pods", "nodes"), ("get", "list")),
        ("", ("pods/log",), ("get", "list")),
    ),
}
BINDINGS = (
    ("user-service-sa", "application-reader"),
    ("trip-service-sa", "application-reader"),
    ("deployment-sa", "application-writer"),
)  # S-5: (service account, role)
DEPLOYMENT_SERVICE_ACCOUNT = "deployment-sa"  # S-5: the only account not owned by a service


class ClusterRbac(Construct):
    """ClusterRoles of S-5 and, per account, a RoleBinding in ``namespace``: a ClusterRole bound
    by namespace grants nothing outside it (least privilege: the reader role includes secrets).
    ``monitoring-reader`` is defined for the monitoring stack; the design binds no account to it."""

    def __init__(self, scope: Construct, id: str, *, namespace: str) -> None:
        super().__init__(scope, id)
        self.cluster_roles = {
            role: k8s.KubeClusterRole(
                self,
                role,
                metadata=k8s.ObjectMeta(name=role),
                rules=[
                    k8s.PolicyRule(api_groups=[group], resources=list(res), verbs=list(verbs))
                    for group, res, verbs in rules
                ],
            )
            for role, rules in ROLES.items()
        }
        self.deployment_account = k8s.KubeServiceAccount(
            self,
            DEPLOYMENT_SERVICE_ACCOUNT,
            metadata=k8s.ObjectMeta(name=DEPLOYMENT_SERVICE_ACCOUNT, namespace=namespace),
        )
        self.bindings = [
            k8s.KubeRoleBinding(
                self,
                f"{account}-{role}",
                metadata=k8s.ObjectMeta(name=f"{account}-{role}", namespace=namespace),
                role_ref=k8s.RoleRef(api_group="rbac.authorization.k8s.io", kind="ClusterRole", name=role),
                subjects=[k8s.Subject(kind="ServiceAccount", name=account, namespace=namespace)],
            )
            for account, role in BINDINGS
        ]
