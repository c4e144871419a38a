using Orca.Api.Meta;
using Orca.Api.Validation;

namespace Orca.Api.Tests.Validation;

public sealed class LabelSelectorValidatorTests
{
    private static readonly FieldPath Path = FieldPath.New("spec", "selector");

    public static TheoryData<LabelSelectorRequirement, string[]> Cases => new()
    {
        { new() { Key = "app", Operator = "In", Values = ["web"] }, [] },
        { new() { Key = "app", Operator = "Exists" }, [] },
        { new() { Key = "app", Operator = "In" }, ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"] },
        { new() { Key = "app", Operator = "DoesNotExist", Values = ["x"] }, ["spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"] },
        { new() { Key = "app", Operator = "Equals", Values = ["x"] }, ["spec.selector.matchExpressions[0].operator: Invalid value: \"Equals\": not a valid selector operator"] },
        { new() { Key = "app", Operator = "In", Values = ["ok", "-bad"] }, ["spec.selector.matchExpressions[0].values[1]: Invalid value: \"-bad\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"] },
        { new() { Key = "/app", Operator = "Exists" }, ["spec.selector.matchExpressions[0].key: Invalid value: \"/app\": prefix part must be non-empty"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validates_match_expressions(LabelSelectorRequirement requirement, string[] expected)
    {
        var errors = LabelSelectorValidator.Validate(new LabelSelector { MatchExpressions = [requirement] }, Path);
        Assert.Equal(expected, errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Validates_match_labels_and_accepts_null()
    {
        Assert.Empty(LabelSelectorValidator.Validate(null, Path));
        var errors = LabelSelectorValidator.Validate(new LabelSelector { MatchLabels = new() { ["app"] = "a b" } }, Path);
        Assert.StartsWith("spec.selector.matchLabels: Invalid value: \"a b\": a valid label must be", Assert.Single(errors).ToString());
    }
}
