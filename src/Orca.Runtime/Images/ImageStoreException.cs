namespace Orca.Runtime.Images;

public enum ImageErrorKind
{
    /// <summary>The reference is not a valid image reference.</summary>
    InvalidReference,
    /// <summary>No such image in the store or at the registry.</summary>
    NotFound,
    /// <summary>The registry refused the credentials (or wanted some).</summary>
    Unauthorized,
    /// <summary>Content did not hash to the digest that named it.</summary>
    DigestMismatch,
    /// <summary>An archive, manifest or layer is malformed, or a layer path escapes its directory.</summary>
    InvalidContent,
    /// <summary>No linux/amd64 image, or a media type the store cannot read.</summary>
    Unsupported,
    /// <summary>The registry answered with an unexpected status.</summary>
    RegistryError,
}

/// <summary>An image operation failed for a reason the caller may report (pull errors, bad archives).</summary>
public sealed class ImageStoreException(ImageErrorKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public ImageErrorKind Kind { get; } = kind;
}
