namespace Orca.Api.Tests.Types;

/// <summary>Objects of apps/v1, batch/v1, policy/v1, scheduling and storage, in the shape a 1.32 API server returns them.</summary>
internal static class WorkloadFixtures
{
    private const string Template = """
        {"metadata": {"labels": {"app": "web"}, "annotations": {"kubectl.kubernetes.io/restartedAt": "2025-01-01T00:00:00Z"}},
         "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27", "ports": [{"containerPort": 80, "protocol": "TCP"}]}], "restartPolicy": "Always"}}
        """;

    public const string Deployment = $$$"""
    {
      "apiVersion": "apps/v1", "kind": "Deployment",
      "metadata": {"name": "web", "namespace": "default", "generation": 3, "annotations": {"deployment.kubernetes.io/revision": "2"}},
      "spec": {
        "replicas": 3, "selector": {"matchLabels": {"app": "web"}}, "template": {{{Template}}},
        "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": 1}},
        "minReadySeconds": 5, "revisionHistoryLimit": 10, "paused": true, "progressDeadlineSeconds": 600
      },
      "status": {
        "observedGeneration": 3, "replicas": 3, "updatedReplicas": 3, "readyReplicas": 2, "availableReplicas": 2, "unavailableReplicas": 1,
        "conditions": [{"type": "Available", "status": "True", "lastUpdateTime": "2025-01-01T00:00:00Z", "lastTransitionTime": "2025-01-01T00:00:00Z",
          "reason": "MinimumReplicasAvailable", "message": "Deployment has minimum availability."}],
        "collisionCount": 1
      }
    }
    """;

    public const string ReplicaSet = $$$"""
    {
      "apiVersion": "apps/v1", "kind": "ReplicaSet",
      "metadata": {"name": "web-5d4f8b7c9", "namespace": "default", "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "uid": "u1", "controller": true, "blockOwnerDeletion": true}]},
      "spec": {"replicas": 2, "minReadySeconds": 1, "selector": {"matchLabels": {"app": "web", "pod-template-hash": "5d4f8b7c9"}}, "template": {{{Template}}}},
      "status": {"replicas": 2, "fullyLabeledReplicas": 2, "readyReplicas": 1, "availableReplicas": 1, "observedGeneration": 1,
        "conditions": [{"type": "ReplicaFailure", "status": "True", "lastTransitionTime": "2025-01-01T00:00:00Z", "reason": "FailedCreate", "message": "quota"}]}
    }
    """;

    public const string StatefulSet = $$$"""
    {
      "apiVersion": "apps/v1", "kind": "StatefulSet",
      "metadata": {"name": "db", "namespace": "default"},
      "spec": {
        "replicas": 2, "selector": {"matchLabels": {"app": "web"}}, "template": {{{Template}}},
        "volumeClaimTemplates": [{"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "data"},
          "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}, "storageClassName": "local-path", "volumeMode": "Filesystem"},
          "status": {"phase": "Pending"}}],
        "serviceName": "db", "podManagementPolicy": "OrderedReady",
        "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 0, "maxUnavailable": 1}},
        "revisionHistoryLimit": 10, "minReadySeconds": 0,
        "persistentVolumeClaimRetentionPolicy": {"whenDeleted": "Retain", "whenScaled": "Delete"}, "ordinals": {"start": 1}
      },
      "status": {"observedGeneration": 1, "replicas": 2, "readyReplicas": 2, "currentReplicas": 2, "updatedReplicas": 2,
        "currentRevision": "db-7c9", "updateRevision": "db-7c9", "collisionCount": 0,
        "conditions": [{"type": "Healthy", "status": "True", "lastTransitionTime": "2025-01-01T00:00:00Z", "reason": "r", "message": "m"}], "availableReplicas": 2}
    }
    """;

    public const string DaemonSet = $$$"""
    {
      "apiVersion": "apps/v1", "kind": "DaemonSet",
      "metadata": {"name": "agent", "namespace": "kube-system"},
      "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": {{{Template}}},
        "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1, "maxSurge": 0}}, "minReadySeconds": 0, "revisionHistoryLimit": 10},
      "status": {"currentNumberScheduled": 3, "numberMisscheduled": 0, "desiredNumberScheduled": 3, "numberReady": 3, "observedGeneration": 1,
        "updatedNumberScheduled": 3, "numberAvailable": 3, "numberUnavailable": 0, "collisionCount": 0,
        "conditions": [{"type": "X", "status": "True", "lastTransitionTime": "2025-01-01T00:00:00Z", "reason": "r", "message": "m"}]}
    }
    """;

    public const string ControllerRevision = """
    {
      "apiVersion": "apps/v1", "kind": "ControllerRevision",
      "metadata": {"name": "db-7c9", "namespace": "default"},
      "data": {"spec": {"template": {"$patch": "replace", "metadata": {"labels": {"app": "web"}}}}},
      "revision": 2
    }
    """;

    public const string Job = $$$"""
    {
      "apiVersion": "batch/v1", "kind": "Job",
      "metadata": {"name": "pi", "namespace": "default", "labels": {"batch.kubernetes.io/controller-uid": "u", "batch.kubernetes.io/job-name": "pi", "controller-uid": "u", "job-name": "pi"}},
      "spec": {
        "parallelism": 2, "completions": 4, "activeDeadlineSeconds": 600,
        "podFailurePolicy": {"rules": [{"action": "FailJob", "onExitCodes": {"containerName": "main", "operator": "In", "values": [42]}},
          {"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget", "status": "True"}]}]},
        "successPolicy": {"rules": [{"succeededIndexes": "0-2", "succeededCount": 2}]},
        "backoffLimit": 6, "backoffLimitPerIndex": 1, "maxFailedIndexes": 2,
        "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "u"}}, "manualSelector": false,
        "template": {{{Template}}}, "ttlSecondsAfterFinished": 100, "completionMode": "Indexed", "suspend": false,
        "podReplacementPolicy": "TerminatingOrFailed", "managedBy": "kubernetes.io/job-controller"
      },
      "status": {
        "conditions": [{"type": "Complete", "status": "True", "lastProbeTime": "2025-01-01T00:00:00Z", "lastTransitionTime": "2025-01-01T00:00:00Z", "reason": "CompletionsReached", "message": "Reached expected number of succeeded pods"}],
        "startTime": "2025-01-01T00:00:00Z", "completionTime": "2025-01-01T00:01:00Z", "active": 1, "succeeded": 4, "failed": 1, "terminating": 0,
        "completedIndexes": "0-3", "failedIndexes": "", "uncountedTerminatedPods": {"succeeded": ["a"], "failed": ["b"]}, "ready": 0
      }
    }
    """;

    public const string CronJob = $$$"""
    {
      "apiVersion": "batch/v1", "kind": "CronJob",
      "metadata": {"name": "hello", "namespace": "default"},
      "spec": {"schedule": "*/1 * * * *", "timeZone": "Etc/UTC", "startingDeadlineSeconds": 30, "concurrencyPolicy": "Forbid", "suspend": true,
        "jobTemplate": {"metadata": {"labels": {"x": "y"}}, "spec": {"backoffLimit": 2, "template": {{{Template}}}}},
        "successfulJobsHistoryLimit": 3, "failedJobsHistoryLimit": 1},
      "status": {"active": [{"kind": "Job", "namespace": "default", "name": "hello-1", "uid": "u", "apiVersion": "batch/v1", "resourceVersion": "5"}],
        "lastScheduleTime": "2025-01-01T00:00:00Z", "lastSuccessfulTime": "2025-01-01T00:00:10Z"}
    }
    """;

    public const string PodDisruptionBudget = """
    {
      "apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
      "metadata": {"name": "web", "namespace": "default", "generation": 1},
      "spec": {"minAvailable": "50%", "selector": {"matchLabels": {"app": "web"}}, "unhealthyPodEvictionPolicy": "AlwaysAllow"},
      "status": {"observedGeneration": 1, "disruptedPods": {"web-1": "2025-01-01T00:00:00Z"}, "disruptionsAllowed": 1, "currentHealthy": 3, "desiredHealthy": 2, "expectedPods": 3,
        "conditions": [{"type": "DisruptionAllowed", "status": "True", "observedGeneration": 1, "lastTransitionTime": "2025-01-01T00:00:00Z", "reason": "SufficientPods", "message": ""}]}
    }
    """;

    public const string PriorityClass = """
    {"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": "high"}, "value": 1000, "globalDefault": true,
     "description": "important", "preemptionPolicy": "Never"}
    """;

    public const string StorageClass = """
    {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "metadata": {"name": "local-path"}, "provisioner": "orca.io/local-path",
     "parameters": {"a": "b"}, "reclaimPolicy": "Delete", "mountOptions": ["noatime"], "allowVolumeExpansion": true, "volumeBindingMode": "WaitForFirstConsumer",
     "allowedTopologies": [{"matchLabelExpressions": [{"key": "kubernetes.io/hostname", "values": ["n1"]}]}]}
    """;

    public const string ReplicationController = $$$"""
    {
      "apiVersion": "v1", "kind": "ReplicationController",
      "metadata": {"name": "rc", "namespace": "default"},
      "spec": {"replicas": 2, "minReadySeconds": 3, "selector": {"app": "web"}, "template": {{{Template}}}},
      "status": {"replicas": 2, "fullyLabeledReplicas": 2, "readyReplicas": 2, "availableReplicas": 2, "observedGeneration": 1,
        "conditions": [{"type": "ReplicaFailure", "status": "False", "lastTransitionTime": "2025-01-01T00:00:00Z", "reason": "r", "message": "m"}]}
    }
    """;

    public const string PersistentVolume = """
    {
      "apiVersion": "v1", "kind": "PersistentVolume",
      "metadata": {"name": "pv-1"},
      "spec": {
        "capacity": {"storage": "10Gi"},
        "local": {"path": "/var/lib/orca/volumes/pv-1", "fsType": "ext4"},
        "accessModes": ["ReadWriteOnce"],
        "claimRef": {"kind": "PersistentVolumeClaim", "namespace": "default", "name": "data-db-0", "uid": "u", "apiVersion": "v1", "resourceVersion": "12"},
        "persistentVolumeReclaimPolicy": "Delete", "storageClassName": "local-path", "mountOptions": ["noatime"], "volumeMode": "Filesystem",
        "nodeAffinity": {"required": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "kubernetes.io/hostname", "operator": "In", "values": ["n1"]}]}]}},
        "volumeAttributesClassName": "gold"
      },
      "status": {"phase": "Bound", "message": "m", "reason": "r", "lastPhaseTransitionTime": "2025-01-01T00:00:00Z"}
    }
    """;

    public const string PersistentVolumeSources = """
    {
      "apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "pv-2"},
      "spec": {
        "glusterfs": {"endpoints": "e", "path": "p", "readOnly": true, "endpointsNamespace": "ns"},
        "rbd": {"monitors": ["m"], "image": "i", "fsType": "ext4", "pool": "rbd", "user": "admin", "keyring": "/k", "secretRef": {"name": "s", "namespace": "n"}, "readOnly": true},
        "iscsi": {"targetPortal": "t", "iqn": "q", "lun": 1, "iscsiInterface": "default", "fsType": "ext4", "readOnly": false, "portals": ["p"], "chapAuthDiscovery": true, "chapAuthSession": true, "secretRef": {"name": "s"}, "initiatorName": "x"},
        "cinder": {"volumeID": "v", "fsType": "ext4", "readOnly": true, "secretRef": {"name": "s"}},
        "cephfs": {"monitors": ["m"], "path": "/", "user": "u", "secretFile": "f", "secretRef": {"name": "s"}, "readOnly": true},
        "flexVolume": {"driver": "d", "fsType": "ext4", "secretRef": {"name": "s"}, "readOnly": true, "options": {"a": "b"}},
        "azureFile": {"secretName": "s", "shareName": "sh", "readOnly": true, "secretNamespace": "n"},
        "scaleIO": {"gateway": "g", "system": "s", "secretRef": {"name": "s"}, "sslEnabled": true, "protectionDomain": "p", "storagePool": "sp", "storageMode": "ThinProvisioned", "volumeName": "v", "fsType": "xfs", "readOnly": true},
        "storageos": {"volumeName": "v", "volumeNamespace": "n", "fsType": "ext4", "readOnly": true, "secretRef": {"kind": "Secret", "name": "s"}},
        "csi": {"driver": "d", "volumeHandle": "h", "readOnly": true, "fsType": "ext4", "volumeAttributes": {"a": "b"},
          "controllerPublishSecretRef": {"name": "a"}, "nodeStageSecretRef": {"name": "b"}, "nodePublishSecretRef": {"name": "c"}, "controllerExpandSecretRef": {"name": "d"}, "nodeExpandSecretRef": {"name": "e"}}
      },
      "status": {}
    }
    """;

    public const string PersistentVolumeClaim = """
    {
      "apiVersion": "v1", "kind": "PersistentVolumeClaim",
      "metadata": {"name": "data", "namespace": "default"},
      "spec": {"accessModes": ["ReadWriteOnce"], "selector": {"matchLabels": {"a": "b"}}, "resources": {"requests": {"storage": "1Gi"}, "limits": {"storage": "2Gi"}},
        "volumeName": "pv-1", "storageClassName": "local-path", "volumeMode": "Filesystem"},
      "status": {"phase": "Bound", "accessModes": ["ReadWriteOnce"], "capacity": {"storage": "10Gi"}}
    }
    """;

    public const string Scale = """
    {"apiVersion": "autoscaling/v1", "kind": "Scale", "metadata": {"name": "web", "namespace": "default", "resourceVersion": "5"},
     "spec": {"replicas": 3}, "status": {"replicas": 2, "selector": "app=web"}}
    """;
}
