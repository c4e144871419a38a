namespace Orca.Api.Tests.Types;

/// <summary>A Pod in the shape a 1.32 API server returns, touching nearly every field of the Pod API.</summary>
internal static class PodFixture
{
    public const string Json = """
    {
      "apiVersion": "v1",
      "kind": "Pod",
      "metadata": {
        "name": "web-7d9f8", "generateName": "web-", "namespace": "shop", "uid": "1b2c3d4e-0000-4000-8000-000000000001",
        "resourceVersion": "4711", "generation": 3, "creationTimestamp": "2025-01-02T03:04:05Z",
        "labels": {"app": "web"}, "annotations": {"note": "x"},
        "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web", "uid": "u-rs", "controller": true, "blockOwnerDeletion": true}],
        "finalizers": ["example.com/keep"]
      },
      "spec": {
        "volumes": [
          {"name": "host", "hostPath": {"path": "/var/log", "type": "Directory"}},
          {"name": "scratch", "emptyDir": {"medium": "Memory", "sizeLimit": "64Mi"}},
          {"name": "gce", "gcePersistentDisk": {"pdName": "disk-1", "fsType": "ext4", "partition": 1, "readOnly": true}},
          {"name": "aws", "awsElasticBlockStore": {"volumeID": "vol-1", "fsType": "ext4", "partition": 2, "readOnly": false}},
          {"name": "git", "gitRepo": {"repository": "https://example.com/r.git", "revision": "abc", "directory": "."}},
          {"name": "sec", "secret": {"secretName": "creds", "items": [{"key": "k", "path": "p", "mode": 256}], "defaultMode": 420, "optional": true}},
          {"name": "nfs", "nfs": {"server": "nfs.local", "path": "/exports", "readOnly": true}},
          {"name": "iscsi", "iscsi": {"targetPortal": "10.0.0.1:3260", "iqn": "iqn.2001-04.com.example:storage", "lun": 0, "iscsiInterface": "default", "fsType": "ext4", "readOnly": true, "portals": ["10.0.0.2:3260"], "chapAuthDiscovery": true, "chapAuthSession": false, "secretRef": {"name": "chap"}, "initiatorName": "iqn.init"}},
          {"name": "gluster", "glusterfs": {"endpoints": "gluster-ep", "path": "vol", "readOnly": true}},
          {"name": "claim", "persistentVolumeClaim": {"claimName": "data", "readOnly": false}},
          {"name": "rbd", "rbd": {"monitors": ["10.0.0.3:6789"], "image": "img", "fsType": "ext4", "pool": "rbd", "user": "admin", "keyring": "/etc/ceph/keyring", "secretRef": {"name": "ceph"}, "readOnly": true}},
          {"name": "flex", "flexVolume": {"driver": "example/lvm", "fsType": "ext4", "secretRef": {"name": "flex"}, "readOnly": true, "options": {"size": "1G"}}},
          {"name": "cinder", "cinder": {"volumeID": "c-1", "fsType": "ext4", "readOnly": true, "secretRef": {"name": "os"}}},
          {"name": "cephfs", "cephfs": {"monitors": ["10.0.0.4:6789"], "path": "/", "user": "admin", "secretFile": "/etc/ceph/secret", "secretRef": {"name": "ceph"}, "readOnly": true}},
          {"name": "flocker", "flocker": {"datasetName": "ds", "datasetUUID": "uuid-1"}},
          {"name": "downward", "downwardAPI": {"items": [
            {"path": "labels", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.labels"}, "mode": 292},
            {"path": "cpu", "resourceFieldRef": {"containerName": "app", "resource": "limits.cpu", "divisor": "1m"}}], "defaultMode": 420}},
          {"name": "fc", "fc": {"targetWWNs": ["500a0982991b8dc5"], "lun": 2, "fsType": "ext4", "readOnly": true, "wwids": ["3600508b400105e210000900000490000"]}},
          {"name": "azfile", "azureFile": {"secretName": "az", "shareName": "share", "readOnly": true}},
          {"name": "cm", "configMap": {"name": "settings", "items": [{"key": "a", "path": "a.conf"}], "defaultMode": 420, "optional": false}},
          {"name": "vsphere", "vsphereVolume": {"volumePath": "[ds] vol.vmdk", "fsType": "ext4", "storagePolicyName": "gold", "storagePolicyID": "p-1"}},
          {"name": "quobyte", "quobyte": {"registry": "reg:7861", "volume": "v", "readOnly": true, "user": "u", "group": "g", "tenant": "t"}},
          {"name": "azdisk", "azureDisk": {"diskName": "d", "diskURI": "https://disk", "cachingMode": "ReadOnly", "fsType": "ext4", "readOnly": true, "kind": "Managed"}},
          {"name": "photon", "photonPersistentDisk": {"pdID": "pd-1", "fsType": "ext4"}},
          {"name": "proj", "projected": {"sources": [
            {"secret": {"name": "s", "items": [{"key": "k", "path": "k"}], "optional": true}},
            {"configMap": {"name": "c", "items": [{"key": "k", "path": "k2"}], "optional": false}},
            {"downwardAPI": {"items": [{"path": "ns", "fieldRef": {"fieldPath": "metadata.namespace"}}]}},
            {"serviceAccountToken": {"audience": "vault", "expirationSeconds": 3607, "path": "token"}},
            {"clusterTrustBundle": {"signerName": "example.com/signer", "labelSelector": {"matchLabels": {"a": "b"}}, "optional": true, "path": "ca.pem"}},
            {"clusterTrustBundle": {"name": "bundle-1", "path": "ca2.pem"}}], "defaultMode": 420}},
          {"name": "portworx", "portworxVolume": {"volumeID": "px-1", "fsType": "ext4", "readOnly": true}},
          {"name": "scaleio", "scaleIO": {"gateway": "https://gw", "system": "sys", "secretRef": {"name": "sio"}, "sslEnabled": true, "protectionDomain": "pd", "storagePool": "sp", "storageMode": "ThinProvisioned", "volumeName": "vol", "fsType": "xfs", "readOnly": true}},
          {"name": "storageos", "storageos": {"volumeName": "v", "volumeNamespace": "ns", "fsType": "ext4", "readOnly": true, "secretRef": {"name": "sos"}}},
          {"name": "csi", "csi": {"driver": "inline.csi.example.com", "readOnly": true, "fsType": "ext4", "volumeAttributes": {"foo": "bar"}, "nodePublishSecretRef": {"name": "csi"}}},
          {"name": "eph", "ephemeral": {"volumeClaimTemplate": {"metadata": {"labels": {"type": "scratch"}}, "spec": {
            "accessModes": ["ReadWriteOnce"], "selector": {"matchExpressions": [{"key": "tier", "operator": "In", "values": ["fast"]}]},
            "resources": {"requests": {"storage": "1Gi"}, "limits": {"storage": "2Gi"}}, "volumeName": "pv-1", "storageClassName": "fast",
            "volumeMode": "Filesystem", "dataSource": {"apiGroup": "snapshot.storage.k8s.io", "kind": "VolumeSnapshot", "name": "snap"},
            "dataSourceRef": {"apiGroup": "snapshot.storage.k8s.io", "kind": "VolumeSnapshot", "name": "snap", "namespace": "other"},
            "volumeAttributesClassName": "gold"}}}},
          {"name": "img", "image": {"reference": "quay.io/example/data:1", "pullPolicy": "IfNotPresent"}}
        ],
        "initContainers": [
          {"name": "init", "image": "busybox:1.36", "command": ["sh", "-c", "true"], "resources": {}, "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File", "imagePullPolicy": "IfNotPresent"},
          {"name": "sidecar", "image": "envoy:1", "restartPolicy": "Always", "startupProbe": {"grpc": {"port": 9901, "service": "health"}, "failureThreshold": 30, "periodSeconds": 1}}
        ],
        "containers": [{
          "name": "app", "image": "nginx:1.27", "command": ["nginx"], "args": ["-g", "daemon off;"], "workingDir": "/srv",
          "ports": [{"name": "http", "hostPort": 8080, "containerPort": 80, "protocol": "TCP", "hostIP": "0.0.0.0"}],
          "envFrom": [{"prefix": "CM_", "configMapRef": {"name": "settings", "optional": true}}, {"secretRef": {"name": "creds", "optional": false}}],
          "env": [
            {"name": "PLAIN", "value": "1"},
            {"name": "POD", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}},
            {"name": "MEM", "valueFrom": {"resourceFieldRef": {"containerName": "app", "resource": "limits.memory", "divisor": "1Mi"}}},
            {"name": "CM", "valueFrom": {"configMapKeyRef": {"name": "settings", "key": "a", "optional": true}}},
            {"name": "PW", "valueFrom": {"secretKeyRef": {"name": "creds", "key": "password"}}}],
          "resources": {"limits": {"cpu": "500m", "memory": "256Mi", "example.com/gpu": "1"}, "requests": {"cpu": "250m", "memory": "128Mi"}, "claims": [{"name": "gpu", "request": "one"}]},
          "resizePolicy": [{"resourceName": "cpu", "restartPolicy": "NotRequired"}, {"resourceName": "memory", "restartPolicy": "RestartContainer"}],
          "volumeMounts": [
            {"name": "host", "readOnly": true, "recursiveReadOnly": "IfPossible", "mountPath": "/host", "mountPropagation": "HostToContainer"},
            {"name": "scratch", "mountPath": "/scratch", "subPath": "a"},
            {"name": "downward", "mountPath": "/etc/podinfo", "subPathExpr": "$(POD)"}],
          "volumeDevices": [{"name": "claim", "devicePath": "/dev/xvda"}],
          "livenessProbe": {"httpGet": {"path": "/healthz", "port": 80, "host": "127.0.0.1", "scheme": "HTTP", "httpHeaders": [{"name": "X-Probe", "value": "1"}]},
            "initialDelaySeconds": 5, "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3, "terminationGracePeriodSeconds": 15},
          "readinessProbe": {"tcpSocket": {"port": "http", "host": "localhost"}, "periodSeconds": 5},
          "startupProbe": {"exec": {"command": ["cat", "/tmp/ready"]}},
          "lifecycle": {"postStart": {"exec": {"command": ["sh", "-c", "echo hi"]}}, "preStop": {"sleep": {"seconds": 5}}},
          "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "FallbackToLogsOnError", "imagePullPolicy": "Always",
          "securityContext": {"capabilities": {"add": ["NET_ADMIN"], "drop": ["ALL"]}, "privileged": false,
            "seLinuxOptions": {"user": "system_u", "role": "system_r", "type": "container_t", "level": "s0:c1,c2"},
            "windowsOptions": {"gmsaCredentialSpecName": "gmsa", "gmsaCredentialSpec": "{}", "runAsUserName": "ContainerUser", "hostProcess": false},
            "runAsUser": 1000, "runAsGroup": 1000, "runAsNonRoot": true, "readOnlyRootFilesystem": true, "allowPrivilegeEscalation": false,
            "procMount": "Default", "seccompProfile": {"type": "RuntimeDefault"}, "appArmorProfile": {"type": "Localhost", "localhostProfile": "k8s-nginx"}},
          "stdin": true, "stdinOnce": true, "tty": true
        }, {
          "name": "hooks", "image": "alpine",
          "lifecycle": {"postStart": {"httpGet": {"path": "/start", "port": 8080}}, "preStop": {"tcpSocket": {"port": 8081}}}
        }],
        "ephemeralContainers": [{"name": "debugger", "image": "busybox", "command": ["sh"], "stdin": true, "tty": true, "targetContainerName": "app", "terminationMessagePolicy": "File"}],
        "restartPolicy": "Always", "terminationGracePeriodSeconds": 30, "activeDeadlineSeconds": 3600, "dnsPolicy": "None",
        "nodeSelector": {"kubernetes.io/os": "linux"}, "serviceAccountName": "web", "serviceAccount": "web", "automountServiceAccountToken": false,
        "nodeName": "node-1", "hostNetwork": false, "hostPID": false, "hostIPC": false, "shareProcessNamespace": true,
        "securityContext": {
          "seLinuxOptions": {"level": "s0:c123,c456"}, "windowsOptions": {"hostProcess": false},
          "runAsUser": 1000, "runAsGroup": 3000, "runAsNonRoot": true, "supplementalGroups": [4000, 5000], "supplementalGroupsPolicy": "Strict",
          "fsGroup": 2000, "sysctls": [{"name": "net.ipv4.ip_local_port_range", "value": "1024 65535"}], "fsGroupChangePolicy": "OnRootMismatch",
          "seccompProfile": {"type": "Localhost", "localhostProfile": "profiles/audit.json"}, "appArmorProfile": {"type": "RuntimeDefault"},
          "seLinuxChangePolicy": "MountOption"},
        "imagePullSecrets": [{"name": "regcred"}],
        "hostname": "web", "subdomain": "web-svc",
        "affinity": {
          "nodeAffinity": {
            "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
              {"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a", "b"]}], "matchFields": [{"key": "metadata.name", "operator": "NotIn", "values": ["node-9"]}]}]},
            "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 10, "preference": {"matchExpressions": [{"key": "disk", "operator": "Exists"}]}}]},
          "podAffinity": {
            "requiredDuringSchedulingIgnoredDuringExecution": [{"labelSelector": {"matchLabels": {"app": "cache"}}, "namespaces": ["shop"], "topologyKey": "kubernetes.io/hostname",
              "namespaceSelector": {}, "matchLabelKeys": ["pod-template-hash"], "mismatchLabelKeys": ["tenant"]}],
            "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 50, "podAffinityTerm": {"labelSelector": {"matchExpressions": [{"key": "app", "operator": "In", "values": ["db"]}]}, "topologyKey": "zone"}}]},
          "podAntiAffinity": {
            "requiredDuringSchedulingIgnoredDuringExecution": [{"labelSelector": {"matchLabels": {"app": "web"}}, "topologyKey": "kubernetes.io/hostname"}],
            "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 1, "podAffinityTerm": {"topologyKey": "zone"}}]}},
        "schedulerName": "default-scheduler",
        "tolerations": [
          {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
          {"key": "dedicated", "operator": "Equal", "value": "web", "effect": "NoSchedule"}],
        "hostAliases": [{"ip": "127.0.0.1", "hostnames": ["foo.local", "bar.local"]}],
        "priorityClassName": "high", "priority": 1000,
        "dnsConfig": {"nameservers": ["1.1.1.1"], "searches": ["shop.svc.cluster.local"], "options": [{"name": "ndots", "value": "2"}, {"name": "edns0"}]},
        "readinessGates": [{"conditionType": "example.com/feature-1"}],
        "runtimeClassName": "runc", "enableServiceLinks": false, "preemptionPolicy": "PreemptLowerPriority",
        "overhead": {"cpu": "250m", "memory": "120Mi"},
        "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule", "labelSelector": {"matchLabels": {"app": "web"}},
          "minDomains": 2, "nodeAffinityPolicy": "Honor", "nodeTaintsPolicy": "Ignore", "matchLabelKeys": ["pod-template-hash"]}],
        "setHostnameAsFQDN": true, "os": {"name": "linux"}, "hostUsers": false,
        "schedulingGates": [{"name": "example.com/wait"}],
        "resourceClaims": [{"name": "gpu", "resourceClaimTemplateName": "gpu-template"}, {"name": "shared", "resourceClaimName": "shared-claim"}],
        "resources": {"limits": {"cpu": "2", "memory": "1Gi"}, "requests": {"cpu": "1"}}
      },
      "status": {
        "phase": "Running",
        "conditions": [
          {"type": "PodReadyToStartContainers", "status": "True", "lastTransitionTime": "2025-01-02T03:04:10Z"},
          {"type": "Ready", "status": "False", "lastProbeTime": "2025-01-02T03:05:00Z", "lastTransitionTime": "2025-01-02T03:04:12Z", "reason": "ContainersNotReady", "message": "containers with unready status: [app]"}],
        "message": "m", "reason": "r", "nominatedNodeName": "node-2",
        "hostIP": "10.0.0.10", "hostIPs": [{"ip": "10.0.0.10"}, {"ip": "fd00::10"}],
        "podIP": "10.244.1.5", "podIPs": [{"ip": "10.244.1.5"}, {"ip": "fd00:244::5"}],
        "startTime": "2025-01-02T03:04:06Z",
        "initContainerStatuses": [{"name": "init", "state": {"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": "2025-01-02T03:04:07Z", "finishedAt": "2025-01-02T03:04:08Z", "containerID": "containerd://aaa"}},
          "lastState": {}, "ready": true, "restartCount": 0, "image": "docker.io/library/busybox:1.36", "imageID": "docker.io/library/busybox@sha256:01", "containerID": "containerd://aaa", "started": false}],
        "containerStatuses": [
          {"name": "app", "state": {"running": {"startedAt": "2025-01-02T03:04:09Z"}},
            "lastState": {"terminated": {"exitCode": 137, "signal": 9, "reason": "OOMKilled", "message": "killed", "startedAt": "2025-01-02T03:00:00Z", "finishedAt": "2025-01-02T03:04:00Z", "containerID": "containerd://old"}},
            "ready": false, "restartCount": 2, "image": "docker.io/library/nginx:1.27", "imageID": "docker.io/library/nginx@sha256:02", "containerID": "containerd://bbb", "started": true,
            "allocatedResources": {"cpu": "250m", "memory": "128Mi"},
            "resources": {"limits": {"cpu": "500m"}, "requests": {"cpu": "250m"}},
            "volumeMounts": [{"name": "host", "mountPath": "/host", "readOnly": true, "recursiveReadOnly": "Enabled"}],
            "user": {"linux": {"uid": 1000, "gid": 3000, "supplementalGroups": [3000, 4000, 5000]}},
            "allocatedResourcesStatus": [{"name": "claim:gpu", "resources": [{"resourceID": "gpu-0", "health": "Healthy"}]}]},
          {"name": "hooks", "state": {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 10s"}}, "lastState": {}, "ready": false, "restartCount": 5,
            "image": "alpine", "imageID": "", "started": false}],
        "qosClass": "Burstable",
        "ephemeralContainerStatuses": [{"name": "debugger", "state": {"running": {"startedAt": "2025-01-02T04:00:00Z"}}, "lastState": {}, "ready": false, "restartCount": 0, "image": "busybox", "imageID": "busybox@sha256:03"}],
        "resize": "InProgress",
        "resourceClaimStatuses": [{"name": "gpu", "resourceClaimName": "web-7d9f8-gpu-x1"}]
      }
    }
    """;
}
