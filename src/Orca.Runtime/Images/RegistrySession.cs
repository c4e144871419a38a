using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Orca.Runtime.Images;

/// <summary>
/// One pull's conversation with a Docker Registry v2 / OCI distribution endpoint for one repository.
/// A registry token is sent as the bearer token from the first request. On a 401 it authenticates
/// once as the challenge asks (Bearer: fetch a pull token from the realm, with basic credentials or
/// an identity token when given; Basic: send the credentials) and retries.
/// Not thread-safe; one per pull.
/// </summary>
internal sealed class RegistrySession(HttpClient http, Uri baseUri, string repository, RegistryCredentials? credentials)
{
    private const int MaxManifestBytes = 4 << 20;
    private static readonly string[] ManifestTypes =
        [MediaTypes.OciIndex, MediaTypes.OciManifest, MediaTypes.DockerManifestList, MediaTypes.DockerManifest];

    private AuthenticationHeaderValue? _authorization =
        credentials?.RegistryToken is { Length: > 0 } token ? new AuthenticationHeaderValue("Bearer", token) : null;
    private bool _authenticated;

    public static Uri BaseUri(ImageReference reference, IReadOnlyList<string> insecureRegistries)
    {
        var host = reference.Registry == ImageReference.DefaultRegistry ? "registry-1.docker.io" : reference.Registry;
        var scheme = insecureRegistries.Contains(reference.Registry, StringComparer.OrdinalIgnoreCase) ? "http" : "https";
        return new Uri($"{scheme}://{host}/v2/");
    }

    /// <summary>The manifest or index a tag or digest names, its media type and the digest of its bytes.</summary>
    public async Task<(byte[] Content, string MediaType, string Digest)> GetManifestAsync(string reference, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, $"{repository}/manifests/{reference}"));
            foreach (var type in ManifestTypes) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            return request;
        }, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength > MaxManifestBytes)
            throw new ImageStoreException(ImageErrorKind.InvalidContent, $"manifest {reference} is larger than {MaxManifestBytes} bytes");
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (string.IsNullOrEmpty(mediaType) || mediaType == "application/json") mediaType = SniffMediaType(content);
        return (content, mediaType, Digests.Sha256(content));
    }

    /// <summary>An open response whose content is the blob; the caller verifies and disposes it.</summary>
    public Task<HttpResponseMessage> GetBlobAsync(string digest, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, $"{repository}/blobs/{digest}")), cancellationToken);

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var request = create();
            request.Headers.Authorization = _authorization;
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return response;
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized && !_authenticated)
                {
                    _authenticated = true;
                    _authorization = await AuthenticateAsync(response.Headers.WwwAuthenticate, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                throw await ErrorAsync(response, request.RequestUri!, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<ImageStoreException> ErrorAsync(HttpResponseMessage response, Uri uri, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (body.Length > 512) body = body[..512];
        var kind = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ImageErrorKind.Unauthorized,
            HttpStatusCode.NotFound => ImageErrorKind.NotFound,
            _ => ImageErrorKind.RegistryError,
        };
        return new ImageStoreException(kind, $"GET {uri.AbsolutePath}: {(int)response.StatusCode} {response.ReasonPhrase} {body}".TrimEnd());
    }

    private async Task<AuthenticationHeaderValue> AuthenticateAsync(HttpHeaderValueCollection<AuthenticationHeaderValue> challenges, CancellationToken cancellationToken)
    {
        foreach (var challenge in challenges)
        {
            if (challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
                return new AuthenticationHeaderValue("Bearer", await FetchTokenAsync(ParseParameters(challenge.Parameter ?? ""), cancellationToken).ConfigureAwait(false));
            if (challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
                return BasicCredentials() ?? throw new ImageStoreException(ImageErrorKind.Unauthorized, "the registry wants credentials and none were given");
        }
        throw new ImageStoreException(ImageErrorKind.Unauthorized, "the registry answered 401 without a usable challenge");
    }

    private AuthenticationHeaderValue? BasicCredentials() =>
        credentials is { Username: { Length: > 0 } user } c
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{c.Password}")))
            : null;

    private async Task<string> FetchTokenAsync(Dictionary<string, string> challenge, CancellationToken cancellationToken)
    {
        if (!challenge.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
            throw new ImageStoreException(ImageErrorKind.Unauthorized, "bearer challenge without a realm");
        var service = challenge.GetValueOrDefault("service");
        var scope = challenge.GetValueOrDefault("scope") ?? $"repository:{repository}:pull";
        using var request = credentials?.IdentityToken is { Length: > 0 } identity
            ? new HttpRequestMessage(HttpMethod.Post, realmUri)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "refresh_token", ["refresh_token"] = identity, ["service"] = service ?? "",
                    ["scope"] = scope, ["client_id"] = "orca",
                }),
            }
            : new HttpRequestMessage(HttpMethod.Get, TokenUri(realmUri, service, scope)) { Headers = { Authorization = BasicCredentials() } };
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, realmUri, cancellationToken).ConfigureAwait(false);
        var token = JsonSerializer.Deserialize(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), OciJsonContext.Default.TokenResponse);
        return token?.Token ?? token?.AccessToken
            ?? throw new ImageStoreException(ImageErrorKind.Unauthorized, "the token endpoint returned no token");
    }

    private static Uri TokenUri(Uri realm, string? service, string scope)
    {
        var query = new StringBuilder(realm.Query.TrimStart('?'));
        if (service is not null) query.Append(query.Length > 0 ? "&" : "").Append("service=").Append(Uri.EscapeDataString(service));
        query.Append(query.Length > 0 ? "&" : "").Append("scope=").Append(Uri.EscapeDataString(scope));
        return new UriBuilder(realm) { Query = query.ToString() }.Uri;
    }

    /// <summary>key="value",key=value pairs of a challenge (values may hold commas inside quotes).</summary>
    internal static Dictionary<string, string> ParseParameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || text[i] == ' ')) i++;
            var eq = text.IndexOf('=', i);
            if (eq < 0) break;
            var key = text[i..eq].Trim();
            i = eq + 1;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0) end = text.Length;
                value = text[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                var end = text.IndexOf(',', i);
                if (end < 0) end = text.Length;
                value = text[i..end].Trim();
                i = end;
            }
            result[key] = value;
        }
        return result;
    }

    private static string SniffMediaType(byte[] content)
    {
        using var document = JsonDocument.Parse(content);
        var root = document.RootElement;
        if (root.TryGetProperty("mediaType", out var type) && type.GetString() is { Length: > 0 } declared) return declared;
        return root.TryGetProperty("manifests", out _) ? MediaTypes.OciIndex : MediaTypes.OciManifest;
    }
}
