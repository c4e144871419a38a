using Orca.Api.Batch;
using Orca.Api.Core;

namespace Orca.Controllers.Jobs;

/// <summary>What a job's podFailurePolicy says about one failed pod: the first rule that matches decides.</summary>
/// <param name="Action">The matched rule's action (FailJob, FailIndex, Ignore, Count), or null when no rule matched.</param>
/// <param name="FailJobMessage">For FailJob, the message of the job's failure condition.</param>
internal sealed record PodFailureVerdict(string? Action, string? FailJobMessage)
{
    public static readonly PodFailureVerdict NoMatch = new(null, null);

    /// <summary>Whether the failure counts towards backoffLimit (all but Ignore).</summary>
    public bool Counts => Action != "Ignore";
}

/// <summary>Matches failed pods against podFailurePolicy rules (onExitCodes over terminated containers, onPodConditions over pod conditions).</summary>
internal static class PodFailurePolicies
{
    public static PodFailureVerdict Match(PodFailurePolicy? policy, Pod pod)
    {
        if (policy is null) return PodFailureVerdict.NoMatch;
        for (var index = 0; index < policy.Rules.Count; index++)
        {
            var rule = policy.Rules[index];
            if (rule.OnExitCodes is { } onExitCodes)
            {
                if (MatchExitCodes(pod.Status, onExitCodes) is not { } container) continue;
                var message = $"Container {container.Name} for pod {pod.Metadata.Namespace}/{pod.Metadata.Name} failed with exit code {container.State!.Terminated!.ExitCode} matching {rule.Action} rule at index {index}";
                return new PodFailureVerdict(rule.Action, rule.Action == "FailJob" ? message : null);
            }
            if (rule.OnPodConditions is { } patterns)
            {
                if (MatchConditions(pod.Status, patterns) is not { } condition) continue;
                var message = $"Pod {pod.Metadata.Namespace}/{pod.Metadata.Name} has condition {condition.Type} matching {rule.Action} rule at index {index}";
                return new PodFailureVerdict(rule.Action, rule.Action == "FailJob" ? message : null);
            }
        }
        return PodFailureVerdict.NoMatch;
    }

    /// <summary>The first terminated container (app containers before init containers) with a non-zero exit code the requirement accepts.</summary>
    private static ContainerStatus? MatchExitCodes(PodStatus status, PodFailurePolicyOnExitCodesRequirement requirement) =>
        (status.ContainerStatuses ?? []).Concat(status.InitContainerStatuses ?? []).FirstOrDefault(c =>
            c.State?.Terminated is { ExitCode: not 0 } terminated
            && (requirement.ContainerName is null || requirement.ContainerName == c.Name)
            && requirement.Operator switch
            {
                "In" => requirement.Values.Contains(terminated.ExitCode),
                "NotIn" => !requirement.Values.Contains(terminated.ExitCode),
                _ => false,
            });

    private static PodCondition? MatchConditions(PodStatus status, List<PodFailurePolicyOnPodConditionsPattern> patterns) =>
        (status.Conditions ?? []).FirstOrDefault(c => patterns.Any(p => p.Type == c.Type && (p.Status ?? "True") == c.Status));
}
