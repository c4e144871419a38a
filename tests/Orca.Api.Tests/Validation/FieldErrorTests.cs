using Orca.Api.Validation;

namespace Orca.Api.Tests.Validation;

public sealed class FieldErrorTests
{
    private static readonly FieldPath Spec = FieldPath.New("spec");

    [Fact]
    public void Paths_render_like_kubernetes()
    {
        Assert.Equal("spec.containers[0].name", Spec.Child("containers").Index(0).Child("name").ToString());
        Assert.Equal("metadata.labels[app]", FieldPath.New("metadata").Child("labels").Key("app").ToString());
        Assert.Equal("spec.template.spec", FieldPath.New("spec", "template", "spec").ToString());
        Assert.Equal("", FieldPath.Root.ToString());
        Assert.Equal("[3]", FieldPath.Root.Index(3).ToString());
        Assert.Equal("values[0][env]", FieldPath.New("values").Index(0).Key("env").ToString());
    }

    public static TheoryData<FieldError, string, string> Cases => new()
    {
        { FieldError.Required(Spec.Child("containers").Index(0).Child("name")), "spec.containers[0].name: Required value", "FieldValueRequired" },
        { FieldError.Required(FieldPath.New("metadata", "name"), "name or generateName is required"), "metadata.name: Required value: name or generateName is required", "FieldValueRequired" },
        { FieldError.NotSupported(Spec.Child("restartPolicy"), "Sometimes", ["Always", "Never", "OnFailure"]), "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\", \"OnFailure\"", "FieldValueNotSupported" },
        { FieldError.Duplicate(Spec.Child("containers").Index(1).Child("name"), "a"), "spec.containers[1].name: Duplicate value: \"a\"", "FieldValueDuplicate" },
        { FieldError.Invalid(Spec.Child("replicas"), -1L, "must be greater than or equal to 0"), "spec.replicas: Invalid value: -1: must be greater than or equal to 0", "FieldValueInvalid" },
        { FieldError.Invalid(Spec.Child("x"), true, "bad"), "spec.x: Invalid value: true: bad", "FieldValueInvalid" },
        { FieldError.Invalid(Spec.Child("x"), null, "bad"), "spec.x: Invalid value: null: bad", "FieldValueInvalid" },
        { FieldError.Invalid(Spec.Child("x"), "a\"b\n", "bad"), "spec.x: Invalid value: \"a\\\"b\\n\": bad", "FieldValueInvalid" },
        { FieldError.Invalid(Spec.Child("x"), new[] { "a", "b" }, "bad"), "spec.x: Invalid value: []string{\"a\", \"b\"}: bad", "FieldValueInvalid" },
        { FieldError.Forbidden(FieldPath.New("metadata", "namespace"), "not allowed on this type"), "metadata.namespace: Forbidden: not allowed on this type", "FieldValueForbidden" },
        { FieldError.TooLong(FieldPath.New("metadata", "annotations"), "", 262144), "metadata.annotations: Too long: may not be more than 262144 bytes", "FieldValueTooLong" },
        { FieldError.TooLong(Spec.Child("x"), "", 1), "spec.x: Too long: may not be more than 1 byte", "FieldValueTooLong" },
        { FieldError.TooLong(Spec.Child("x"), "", -1), "spec.x: Too long: value is too long", "FieldValueTooLong" },
        { FieldError.TooMany(Spec.Child("containers"), 5, 3), "spec.containers: Too many: 5: must have at most 3 items", "FieldValueTooMany" },
        { FieldError.TooMany(Spec.Child("containers"), -1, 1), "spec.containers: Too many: must have at most 1 item", "FieldValueTooMany" },
        { FieldError.TypeInvalid(Spec.Child("x"), "s", "must be an integer"), "spec.x: Invalid value: \"s\": must be an integer", "FieldValueTypeInvalid" },
        { FieldError.NotFound(Spec.Child("x"), "y"), "spec.x: Not found: \"y\"", "FieldValueNotFound" },
        { FieldError.InternalError(Spec.Child("x"), "boom"), "spec.x: Internal error: boom", "InternalError" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_kubernetes_wording_and_reason(FieldError error, string text, string reason)
    {
        Assert.Equal(text, error.ToString());
        Assert.Equal(reason, error.Reason);
        Assert.Equal(text[(error.Field.Length + 2)..], error.Body);
    }

    [Fact]
    public void Aggregate_single_error_has_no_brackets()
    {
        var list = new ErrorList { FieldError.Required(Spec.Child("containers").Index(0).Child("name")) };
        Assert.Equal("Pod \"web\" is invalid: spec.containers[0].name: Required value", list.ToInvalidMessage("Pod", "web"));
    }

    [Fact]
    public void Aggregate_many_errors_are_bracketed_and_deduplicated()
    {
        var list = new ErrorList
        {
            FieldError.Required(Spec.Child("containers").Index(0).Child("name")),
            FieldError.Required(Spec.Child("containers").Index(0).Child("name")),
            FieldError.Required(Spec.Child("containers").Index(0).Child("image")),
        };
        Assert.Equal("[spec.containers[0].name: Required value, spec.containers[0].image: Required value]", list.ToAggregateMessage());
        Assert.Equal("Deployment.apps \"web\" is invalid: [spec.containers[0].name: Required value, spec.containers[0].image: Required value]",
            list.ToInvalidMessage("Deployment.apps", "web"));
    }

    [Fact]
    public void Empty_list_has_no_aggregate()
    {
        var list = new ErrorList();
        Assert.True(list.IsEmpty);
        Assert.Null(list.ToAggregateMessage());
        Assert.Equal("Pod \"web\" is invalid", list.ToInvalidMessage("Pod", "web"));
    }
}
