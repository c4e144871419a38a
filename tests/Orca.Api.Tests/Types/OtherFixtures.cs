namespace Orca.Api.Tests.Types;

/// <summary>Objects of the other kinds, in the shape a 1.32 API server returns them.</summary>
internal static class OtherFixtures
{
    public const string Node = """
    {
      "apiVersion": "v1", "kind": "Node",
      "metadata": {"name": "node-1", "uid": "n-1", "resourceVersion": "9", "creationTimestamp": "2025-01-01T00:00:00Z", "labels": {"kubernetes.io/hostname": "node-1"}},
      "spec": {
        "podCIDR": "10.244.1.0/24", "podCIDRs": ["10.244.1.0/24", "fd00:244:1::/64"], "providerID": "orca://node-1", "unschedulable": true,
        "taints": [{"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule", "timeAdded": "2025-01-01T01:00:00Z"}, {"key": "dedicated", "value": "gpu", "effect": "NoExecute"}],
        "configSource": {"configMap": {"namespace": "kube-system", "name": "kubelet", "uid": "cm-1", "resourceVersion": "3", "kubeletConfigKey": "kubelet"}},
        "externalID": "legacy"
      },
      "status": {
        "capacity": {"cpu": "4", "memory": "16316412Ki", "pods": "110", "ephemeral-storage": "102687672Ki", "hugepages-2Mi": "0"},
        "allocatable": {"cpu": "3800m", "memory": "15214076Ki", "pods": "110"},
        "phase": "Running",
        "conditions": [
          {"type": "MemoryPressure", "status": "False", "lastHeartbeatTime": "2025-01-02T00:00:00Z", "lastTransitionTime": "2025-01-01T00:00:10Z", "reason": "KubeletHasSufficientMemory", "message": "ok"},
          {"type": "Ready", "status": "True", "lastHeartbeatTime": "2025-01-02T00:00:00Z", "lastTransitionTime": "2025-01-01T00:00:20Z", "reason": "KubeletReady", "message": "kubelet is posting ready status"}],
        "addresses": [{"type": "InternalIP", "address": "10.0.0.10"}, {"type": "Hostname", "address": "node-1"}],
        "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
        "nodeInfo": {"machineID": "m", "systemUUID": "s", "bootID": "b", "kernelVersion": "6.1.0", "osImage": "Debian GNU/Linux 12", "containerRuntimeVersion": "orca://0.1",
          "kubeletVersion": "v1.32.0", "kubeProxyVersion": "", "operatingSystem": "linux", "architecture": "amd64"},
        "images": [{"names": ["docker.io/library/nginx@sha256:02", "docker.io/library/nginx:1.27"], "sizeBytes": 72099501}],
        "volumesInUse": ["kubernetes.io/csi/driver^vol-1"],
        "volumesAttached": [{"name": "kubernetes.io/csi/driver^vol-1", "devicePath": "/dev/sdb"}],
        "config": {"assigned": {"configMap": {"namespace": "kube-system", "name": "kubelet", "kubeletConfigKey": "kubelet"}}, "error": "none"},
        "runtimeHandlers": [{"name": "", "features": {"recursiveReadOnlyMounts": true, "userNamespaces": false}}, {"name": "runc", "features": {"recursiveReadOnlyMounts": true}}],
        "features": {"supplementalGroupsPolicy": true}
      }
    }
    """;

    public const string CoreEvent = """
    {
      "apiVersion": "v1", "kind": "Event",
      "metadata": {"name": "web.17a", "namespace": "shop", "resourceVersion": "12", "creationTimestamp": "2025-01-02T03:04:05Z"},
      "involvedObject": {"kind": "Pod", "namespace": "shop", "name": "web", "uid": "u-1", "apiVersion": "v1", "resourceVersion": "4711", "fieldPath": "spec.containers{app}"},
      "reason": "Pulled", "message": "Successfully pulled image", "source": {"component": "kubelet", "host": "node-1"},
      "firstTimestamp": "2025-01-02T03:04:05Z", "lastTimestamp": "2025-01-02T03:09:05Z", "count": 3, "type": "Normal",
      "eventTime": "2025-01-02T03:04:05.123456Z", "series": {"count": 2, "lastObservedTime": "2025-01-02T03:09:05.000001Z"},
      "action": "Pulling", "related": {"kind": "Node", "name": "node-1"},
      "reportingComponent": "kubelet", "reportingInstance": "node-1"
    }
    """;

    public const string EventsV1Event = """
    {
      "apiVersion": "events.k8s.io/v1", "kind": "Event",
      "metadata": {"name": "web.17b", "namespace": "shop"},
      "eventTime": "2025-01-02T03:04:05.654321Z", "series": {"count": 4, "lastObservedTime": "2025-01-02T03:10:00.100000Z"},
      "reportingController": "kubernetes.io/kubelet", "reportingInstance": "node-1", "action": "Killing", "reason": "Killing",
      "regarding": {"kind": "Pod", "namespace": "shop", "name": "web", "uid": "u-1", "apiVersion": "v1"},
      "related": {"kind": "Node", "name": "node-1"}, "note": "Stopping container app", "type": "Warning",
      "deprecatedSource": {"component": "kubelet", "host": "node-1"}, "deprecatedFirstTimestamp": "2025-01-02T03:04:05Z",
      "deprecatedLastTimestamp": "2025-01-02T03:10:00Z", "deprecatedCount": 4
    }
    """;

    public const string Lease = """
    {
      "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
      "metadata": {"name": "node-1", "namespace": "kube-node-lease", "ownerReferences": [{"apiVersion": "v1", "kind": "Node", "name": "node-1", "uid": "n-1"}]},
      "spec": {"holderIdentity": "node-1", "leaseDurationSeconds": 40, "acquireTime": "2025-01-02T03:04:05.000000Z", "renewTime": "2025-01-02T03:14:05.987654Z",
        "leaseTransitions": 1, "strategy": "OldestEmulationVersion", "preferredHolder": "node-2"}
    }
    """;

    public const string Secret = """
    {
      "apiVersion": "v1", "kind": "Secret",
      "metadata": {"name": "creds", "namespace": "shop"},
      "immutable": true,
      "data": {"password": "czNjcjN0", "binary": "AAEC/f7/", "empty": ""},
      "stringData": {"extra": "plain"},
      "type": "Opaque"
    }
    """;

    public const string ConfigMap = """
    {
      "apiVersion": "v1", "kind": "ConfigMap",
      "metadata": {"name": "settings", "namespace": "shop"},
      "immutable": false, "data": {"a": "1", "b.conf": "x=y\n"}, "binaryData": {"blob": "3q2+7w=="}
    }
    """;

    public const string Service = """
    {
      "apiVersion": "v1", "kind": "Service",
      "metadata": {"name": "web", "namespace": "shop"},
      "spec": {
        "ports": [{"name": "http", "protocol": "TCP", "appProtocol": "http", "port": 80, "targetPort": "http", "nodePort": 30080},
                  {"name": "metrics", "protocol": "TCP", "port": 9090, "targetPort": 9090, "nodePort": 30090}],
        "selector": {"app": "web"}, "clusterIP": "10.96.0.10", "clusterIPs": ["10.96.0.10", "fd00:96::10"], "type": "LoadBalancer",
        "externalIPs": ["192.0.2.1"], "sessionAffinity": "ClientIP", "loadBalancerIP": "192.0.2.2", "loadBalancerSourceRanges": ["192.0.2.0/24"],
        "externalTrafficPolicy": "Local", "healthCheckNodePort": 32000, "publishNotReadyAddresses": true,
        "sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 10800}}, "ipFamilies": ["IPv4", "IPv6"], "ipFamilyPolicy": "PreferDualStack",
        "allocateLoadBalancerNodePorts": true, "loadBalancerClass": "example.com/lb", "internalTrafficPolicy": "Cluster", "trafficDistribution": "PreferClose"
      },
      "status": {
        "loadBalancer": {"ingress": [{"ip": "192.0.2.2", "ipMode": "VIP", "ports": [{"port": 80, "protocol": "TCP", "error": "none"}]}, {"hostname": "lb.example.com"}]},
        "conditions": [{"type": "Ready", "status": "True", "observedGeneration": 1, "lastTransitionTime": "2025-01-02T03:04:05Z", "reason": "Up", "message": "ok"}]
      }
    }
    """;

    public const string Endpoints = """
    {
      "apiVersion": "v1", "kind": "Endpoints",
      "metadata": {"name": "web", "namespace": "shop"},
      "subsets": [{"addresses": [{"ip": "10.244.1.5", "hostname": "web-0", "nodeName": "node-1", "targetRef": {"kind": "Pod", "namespace": "shop", "name": "web-0", "uid": "u-1"}}],
        "notReadyAddresses": [{"ip": "10.244.1.6"}], "ports": [{"name": "http", "port": 80, "protocol": "TCP", "appProtocol": "http"}]}]
    }
    """;

    public const string Namespace = """
    {
      "apiVersion": "v1", "kind": "Namespace",
      "metadata": {"name": "shop"},
      "spec": {"finalizers": ["kubernetes"]},
      "status": {"phase": "Terminating", "conditions": [{"type": "NamespaceDeletionContentFailure", "status": "False", "lastTransitionTime": "2025-01-02T03:04:05Z", "reason": "ContentDeleted", "message": "done"}]}
    }
    """;

    public const string ServiceAccount = """
    {
      "apiVersion": "v1", "kind": "ServiceAccount",
      "metadata": {"name": "web", "namespace": "shop"},
      "secrets": [{"name": "web-token"}], "imagePullSecrets": [{"name": "regcred"}], "automountServiceAccountToken": false
    }
    """;

    public const string Binding = """
    {"apiVersion": "v1", "kind": "Binding", "metadata": {"name": "web", "namespace": "shop"}, "target": {"apiVersion": "v1", "kind": "Node", "name": "node-1"}}
    """;

    public const string Eviction = """
    {"apiVersion": "policy/v1", "kind": "Eviction", "metadata": {"name": "web", "namespace": "shop"}, "deleteOptions": {"gracePeriodSeconds": 0, "propagationPolicy": "Background"}}
    """;
}
