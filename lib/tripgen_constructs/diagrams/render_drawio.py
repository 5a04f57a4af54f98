"""draw.io (diagrams.net) file of a view: editable, with draw.io's own Azure shapes.

Regions, VNets, subnets and zones are nested containers, so moving one moves what it holds;
nodes use the shapes of draw.io's Azure library (``img/lib/azure2/...``, no embedded bitmaps);
edges keep their labels and the line styles of the other renderers. Positions come from the
Graphviz layout of the same view (``layout``), so the file opens looking like the PNG. The XML is
uncompressed and its bytes depend only on the view and the layout.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from .labels import container_lines, node_lines
from .layout import Box, Layout
from .model import Container, Edge, View
from .render_graphviz import CLUSTER_COLORS, EDGE_STYLES

SHAPES = "img/lib/azure2/"
"""Folder of draw.io's Azure shapes (jgraph/drawio ``Sidebar-Azure2.js``)."""

DRAWIO_SHAPES: dict[str, str] = {
    # ``diagrams.azure`` icon (``module.Class``) → draw.io shape, from the names jgraph/drawio's
    # src/main/webapp/js/diagramly/sidebar/Sidebar-Azure2.js lists (read 2026-12-01).
    "analytics.EventHubs": "iot/Event_Hubs.svg",
    "analytics.LogAnalyticsWorkspaces": "analytics/Log_Analytics_Workspaces.svg",
    "appservices.AppServicePlans": "app_services/App_Service_Plans.svg",
    "appservices.AppServices": "app_services/App_Services.svg",
    "compute.AKS": "containers/Kubernetes_Services.svg",
    "compute.ACR": "containers/Container_Registries.svg",
    "compute.AppServices": "app_services/App_Services.svg",
    "compute.ContainerInstances": "containers/Container_Instances.svg",
    "compute.ContainerRegistries": "containers/Container_Registries.svg",
    "compute.DiskEncryptionSets": "compute/Disk_Encryption_Sets.svg",
    "compute.Disks": "compute/Disks.svg",
    "compute.FunctionApps": "compute/Function_Apps.svg",
    "compute.KubernetesServices": "containers/Kubernetes_Services.svg",
    "compute.VM": "compute/Virtual_Machine.svg",
    "compute.VirtualMachine": "compute/Virtual_Machine.svg",
    "compute.VMScaleSets": "compute/VM_Scale_Sets.svg",
    "compute.VMSS": "compute/VM_Scale_Sets.svg",
    "containers.ContainerRegistries": "containers/Container_Registries.svg",
    "containers.KubernetesServices": "containers/Kubernetes_Services.svg",
    "databases.AzureCosmosDb": "databases/Azure_Cosmos_DB.svg",
    "databases.AzureDatabaseMysqlServer": "databases/Azure_Database_MySQL_Server.svg",
    "databases.AzureDatabasePostgresqlServer": "databases/Azure_Database_PostgreSQL_Server.svg",
    "databases.AzureSQL": "databases/Azure_SQL.svg",
    "databases.CacheRedis": "databases/Cache_Redis.svg",
    "databases.SQLDatabase": "databases/SQL_Database.svg",
    "databases.SQLServer": "databases/SQL_Server.svg",
    "devops.ApplicationInsights": "devops/Application_Insights.svg",
    "general.Browser": "general/Browser.svg",
    "general.Resource": "general/All_Resources.svg",
    "identity.ManagedIdentities": "identity/Managed_Identities.svg",
    "integration.APIManagementServices": "app_services/API_Management_Services.svg",
    "integration.EventGridTopics": "integration/Event_Grid_Topics.svg",
    "integration.LogicApps": "integration/Logic_Apps.svg",
    "integration.ServiceBus": "integration/Service_Bus.svg",
    "managementgovernance.Alerts": "management_governance/Alerts.svg",
    "managementgovernance.RecoveryServicesVaults": "management_governance/Recovery_Services_Vaults.svg",
    "monitor.ApplicationInsights": "devops/Application_Insights.svg",
    "monitor.DiagnosticsSettings": "management_governance/Diagnostics_Settings.svg",
    "monitor.LogAnalyticsWorkspaces": "analytics/Log_Analytics_Workspaces.svg",
    "monitor.Monitor": "management_governance/Monitor.svg",
    "monitor.NetworkWatcher": "networking/Network_Watcher.svg",
    "network.ApplicationGateway": "networking/Application_Gateways.svg",
    "network.Connections": "networking/Connections.svg",
    "network.ExpressrouteCircuits": "networking/ExpressRoute_Circuits.svg",
    "network.LoadBalancers": "networking/Load_Balancers.svg",
    "network.LocalNetworkGateways": "networking/Local_Network_Gateways.svg",
    "network.NetworkInterfaces": "networking/Network_Interfaces.svg",
    "network.PrivateEndpoint": "networking/Private_Endpoint.svg",
    "network.PublicIpAddresses": "networking/Public_IP_Addresses.svg",
    "network.RouteTables": "networking/Route_Tables.svg",
    "network.VirtualNetworkGateways": "networking/Virtual_Network_Gateways.svg",
    "network.VirtualNetworks": "networking/Virtual_Networks.svg",
    "networking.ApplicationGateways": "networking/Application_Gateways.svg",
    "networking.AzureFirewallPolicy": "networking/Azure_Firewall_Policy.svg",
    "networking.Bastions": "networking/Bastions.svg",
    "networking.Connections": "networking/Connections.svg",
    "networking.DDOSProtectionPlans": "networking/DDoS_Protection_Plans.svg",
    "networking.DNSPrivateResolver": "networking/DNS_Private_Resolver.svg",
    "networking.DNSZones": "networking/DNS_Zones.svg",
    "networking.ExpressrouteCircuits": "networking/ExpressRoute_Circuits.svg",
    "networking.Firewalls": "networking/Firewalls.svg",
    "networking.FrontDoorAndCDNProfiles": "networking/Front_Doors.svg",
    "networking.LoadBalancers": "networking/Load_Balancers.svg",
    "networking.LocalNetworkGateways": "networking/Local_Network_Gateways.svg",
    "networking.Nat": "networking/NAT.svg",
    "networking.NetworkInterfaces": "networking/Network_Interfaces.svg",
    "networking.NetworkSecurityGroups": "networking/Network_Security_Groups.svg",
    "networking.NetworkWatcher": "networking/Network_Watcher.svg",
    "networking.PrivateLink": "networking/Private_Link.svg",
    "networking.PrivateLinkService": "networking/Private_Link_Service.svg",
    "networking.PublicIpAddresses": "networking/Public_IP_Addresses.svg",
    "networking.PublicIpPrefixes": "networking/Public_IP_Prefixes.svg",
    "networking.RouteTables": "networking/Route_Tables.svg",
    "networking.Subnet": "networking/Subnet.svg",
    "networking.TrafficManagerProfiles": "networking/Traffic_Manager_Profiles.svg",
    "networking.VirtualNetworkGateways": "networking/Virtual_Network_Gateways.svg",
    "networking.VirtualNetworks": "networking/Virtual_Networks.svg",
    "networking.VirtualWanHub": "networking/Virtual_WAN_Hub.svg",
    "networking.VirtualWans": "networking/Virtual_WANs.svg",
    "networking.WebApplicationFirewallPolicieswaf": "networking/Web_Application_Firewall_Policies_WAF.svg",
    "security.KeyVaults": "security/Key_Vaults.svg",
    "storage.StorageAccounts": "storage/Storage_Accounts.svg",
    "web.AppServicePlans": "app_services/App_Service_Plans.svg",
    "web.AppServices": "app_services/App_Services.svg",
    "web.FrontDoorAndCDNProfiles": "networking/Front_Doors.svg",
    "web.Signalr": "web/SignalR.svg",
    "web.StaticApps": "preview/Static_Apps.svg",
}

ICON_SIZE = 48
"""Points; the Graphviz renderer draws its icons at 56 with a margin."""

CONTAINER_STROKES = {
    "region": "#555555",
    "vnet": "#1F6FB2",
    "subnet": "#7FA7C9",
    "zone": "#8A8A5C",
    "group": "#B0B8C0",
}


@dataclass
class Drawio:
    """The file's text and the icons that had no draw.io shape (drawn as labelled boxes)."""

    xml: str
    unmapped: list[str] = field(default_factory=list)


def label(lines: list[str]) -> str:
    """draw.io HTML label: the first line bold."""
    first, *rest = (_escape(line) for line in lines)
    return "<br>".join([f"<b>{first}</b>", *rest])


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _style(pairs: dict[str, str]) -> str:
    return "".join(f"{key}={value};" if value else f"{key};" for key, value in pairs.items())


def node_style(icon: str) -> str | None:
    """The Azure shape style of ``icon``, or None when draw.io has no shape for it."""
    shape = DRAWIO_SHAPES.get(icon)
    if shape is None:
        return None
    return (
        "image;aspect=fixed;html=1;points=[];align=center;fontSize=11;"
        f"image={SHAPES}{shape};verticalLabelPosition=bottom;verticalAlign=top;labelBackgroundColor=#FFFFFF;"
    )


GENERIC_STYLE = _style(
    {"rounded": "1", "whiteSpace": "wrap", "html": "1", "dashed": "1", "fillColor": "#F4F4F4", "fontSize": "11"}
)


def edge_style(edge: Edge) -> str:
    """Line style of ``edge`` in the colours and dash patterns of the Graphviz renderer."""
    graphviz = EDGE_STYLES.get(str(getattr(edge.kind, "value", edge.kind)), {})
    pairs = {
        "html": "1",
        "rounded": "1",
        "edgeStyle": "orthogonalEdgeStyle",
        "strokeColor": graphviz.get("color", "#1F6FB2"),
        "strokeWidth": graphviz.get("penwidth", "1"),
        "fontSize": "10",
        "labelBackgroundColor": "#FFFFFF",
    }
    if graphviz.get("style") == "dashed":
        pairs["dashed"] = "1"
    elif graphviz.get("style") == "dotted":
        pairs |= {"dashed": "1", "dashPattern": "1 3"}
    if graphviz.get("arrowhead") == "none":
        pairs["endArrow"] = "none"
    if edge.both_ways or graphviz.get("dir") == "both":
        pairs["startArrow"] = "classic"
    return _style(pairs)


def container_style(container: Container) -> str:
    dashed = container.kind in ("subnet", "zone")
    return _style(
        {
            "rounded": "1",
            "arcSize": "3",
            "whiteSpace": "wrap",
            "html": "1",
            "container": "1",
            "collapsible": "1",
            "recursiveResize": "0",
            "fillColor": CLUSTER_COLORS.get(container.kind, "#FFFFFF"),
            "strokeColor": CONTAINER_STROKES.get(container.kind, "#555555"),
            **({"dashed": "1"} if dashed else {}),
            "verticalAlign": "top",
            "align": "left",
            "spacingLeft": "8",
            "fontSize": "12" if dashed else "14",
        }
    )


def render(view: View, placed: Layout) -> Drawio:
    """The ``.drawio`` text of ``view`` laid out as ``placed``."""
    unmapped: set[str] = set()
    mxfile = ET.Element("mxfile", host="tripgen-constructs", type="device")
    diagram = ET.SubElement(mxfile, "diagram", id=view.name, name=view.title)
    model = ET.SubElement(
        diagram,
        "mxGraphModel",
        grid="1",
        gridSize="10",
        guides="1",
        page="0",
        pageWidth=_number(placed.width),
        pageHeight=_number(placed.height),
        math="0",
        shadow="0",
    )
    root = ET.SubElement(model, "root")
    ET.SubElement(root, "mxCell", id="0")
    ET.SubElement(root, "mxCell", {"id": "1", "parent": "0"})
    origin = Box(0, 0, placed.width, placed.height)
    for node_id in view.root.nodes:
        _node(root, view, node_id, placed, "1", origin, unmapped)
    for child in view.root.children:
        _container(root, view, child, placed, "1", origin, unmapped)
    seen: dict[str, int] = {}
    for edge in view.edges:
        if edge.source not in view.nodes and edge.source not in placed.containers:
            continue
        if edge.target not in view.nodes and edge.target not in placed.containers:
            continue
        base = f"edge_{edge.source}_{edge.target}_{getattr(edge.kind, 'value', edge.kind)}"
        seen[base] = seen.get(base, 0) + 1
        cell = ET.SubElement(
            root,
            "mxCell",
            {
                "id": base if seen[base] == 1 else f"{base}_{seen[base]}",
                "value": _escape(edge.label),
                "style": edge_style(edge),
                "edge": "1",
                "parent": "1",
                "source": edge.source,
                "target": edge.target,
            },
        )
        ET.SubElement(cell, "mxGeometry", {"relative": "1", "as": "geometry"})
    ET.indent(mxfile)
    return Drawio(ET.tostring(mxfile, encoding="unicode") + "\n", sorted(unmapped))


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _geometry(cell: ET.Element, box: Box, parent: Box) -> None:
    ET.SubElement(
        cell,
        "mxGeometry",
        {
            "x": _number(box.x - parent.x),
            "y": _number(box.y - parent.y),
            "width": _number(box.width),
            "height": _number(box.height),
            "as": "geometry",
        },
    )


def _container(
    root: ET.Element, view: View, container: Container, placed: Layout, parent: str, parent_box: Box, unmapped: set[str]
) -> None:
    box = placed.containers.get(container.id)
    if box is None:  # Graphviz draws no cluster without nodes; nothing to hold
        return
    cell = ET.SubElement(
        root,
        "mxCell",
        {
            "id": container.id,
            "value": label(container_lines(container)),
            "style": container_style(container),
            "vertex": "1",
            "parent": parent,
        },
    )
    _geometry(cell, box, parent_box)
    for node_id in container.nodes:
        _node(root, view, node_id, placed, container.id, box, unmapped)
    for child in container.children:
        _container(root, view, child, placed, container.id, box, unmapped)


def _node(
    root: ET.Element, view: View, node_id: str, placed: Layout, parent: str, parent_box: Box, unmapped: set[str]
) -> None:
    node = view.nodes[node_id]
    box = placed.nodes[node_id]
    style = node_style(node.icon) if node.icon else None
    if style is None:
        if node.icon:
            unmapped.add(node.icon)
        cell_box, style = box, GENERIC_STYLE
    else:  # the icon at the top of Graphviz's box, its label below it
        cell_box = Box(box.x + (box.width - ICON_SIZE) / 2, box.y, ICON_SIZE, ICON_SIZE)
    cell = ET.SubElement(
        root,
        "mxCell",
        {"id": node_id, "value": label(node_lines(node)), "style": style, "vertex": "1", "parent": parent},
    )
    _geometry(cell, cell_box, parent_box)


__all__ = ["DRAWIO_SHAPES", "Drawio", "edge_style", "node_style", "render"]
