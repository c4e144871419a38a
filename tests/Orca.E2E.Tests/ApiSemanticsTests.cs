using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Orca.E2E.Tests;

/// <summary>API behaviour beyond kubectl's everyday commands: paging, WebSocket watches, events.k8s.io, bookmarks.</summary>
public sealed class ApiSemanticsTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Lists_page_with_limit_and_continue_over_a_consistent_snapshot()
    {
        var ns = await fx.NamespaceAsync("page");
        using var http = fx.Server.CreateHttpClient();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsync($"/api/v1/namespaces/{ns}/configmaps",
                Json("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c" + i + "\",\"labels\":{\"paged\":\"yes\"}}}"))).StatusCode);

        var names = new List<string>();
        string? cont = null;
        string? firstRv = null;
        var pages = 0;
        do
        {
            var url = $"/api/v1/namespaces/{ns}/configmaps?labelSelector=paged%3Dyes&limit=2" + (cont is null ? "" : $"&continue={Uri.EscapeDataString(cont)}");
            var page = JsonDocument.Parse(await http.GetStringAsync(url)).RootElement;
            var meta = page.GetProperty("metadata");
            firstRv ??= meta.GetProperty("resourceVersion").GetString();
            Assert.Equal(firstRv, meta.GetProperty("resourceVersion").GetString());
            foreach (var item in page.GetProperty("items").EnumerateArray()) names.Add(item.GetProperty("metadata").GetProperty("name").GetString()!);
            cont = meta.TryGetProperty("continue", out var c) ? c.GetString() : null;
            pages++;
            if (pages == 1)
            {
                // A write between pages does not show up in the remaining pages of this list.
                Assert.Equal(HttpStatusCode.Created, (await http.PostAsync($"/api/v1/namespaces/{ns}/configmaps",
                    Json("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c9","labels":{"paged":"yes"}}}"""))).StatusCode);
            }
        }
        while (!string.IsNullOrEmpty(cont));
        Assert.Equal(["c0", "c1", "c2", "c3", "c4"], names);
        Assert.Equal(3, pages);

        var chunked = (await fx.Kubectl.RunAsync("get", "configmaps", "-n", ns, "-l", "paged=yes", "--chunk-size=2", "-o", "name")).ShouldSucceed().Out.Split('\n');
        Assert.Equal(6, chunked.Length);
    }

    [Fact]
    public async Task A_watch_over_websocket_delivers_events_as_messages()
    {
        var ns = await fx.NamespaceAsync("ws");
        using var ws = new ClientWebSocket();
        var kubeconfig = await File.ReadAllTextAsync(fx.Server.Kubeconfig);
        var token = System.Text.RegularExpressions.Regex.Match(kubeconfig, "token: \"?([A-Za-z0-9_\\-]+)").Groups[1].Value;
        ws.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        ws.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        await ws.ConnectAsync(new Uri($"wss://127.0.0.1:{fx.Server.Port}/api/v1/namespaces/{ns}/configmaps?watch=true&fieldSelector=metadata.name%3Dseen"), CancellationToken.None);

        using var http = fx.Server.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync($"/api/v1/namespaces/{ns}/configmaps",
            Json("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"seen"},"data":{"k":"v"}}"""))).StatusCode);

        var buffer = new byte[64 * 1024];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        WebSocketReceiveResult r;
        try
        {
            r = await ws.ReceiveAsync(buffer, cts.Token);
        }
        catch (WebSocketException failure)
        {
            throw new InvalidOperationException($"watch socket failed; server output:\n{fx.Server.Output}", failure);
        }
        Assert.Equal(WebSocketMessageType.Text, r.MessageType);
        var e = JsonDocument.Parse(buffer.AsMemory(0, r.Count)).RootElement;
        Assert.Equal("ADDED", e.GetProperty("type").GetString());
        Assert.Equal("seen", e.GetProperty("object").GetProperty("metadata").GetProperty("name").GetString());
        await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    [Fact]
    public async Task Events_written_through_events_k8s_io_are_core_events_too()
    {
        var ns = await fx.NamespaceAsync("evv1");
        using var http = fx.Server.CreateHttpClient();
        var body = $$$"""
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"e1"},
             "eventTime":"2026-01-01T00:00:00.000000Z","reportingController":"orca/test","reportingInstance":"t1",
             "action":"Testing","reason":"Checked","note":"written as events.k8s.io","type":"Normal",
             "regarding":{"kind":"Pod","namespace":"{{{ns}}}","name":"p","apiVersion":"v1"}}
            """;
        var created = await http.PostAsync($"/apis/events.k8s.io/v1/namespaces/{ns}/events", Json(body));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var core = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/namespaces/{ns}/events/e1")).RootElement;
        Assert.Equal("written as events.k8s.io", core.GetProperty("message").GetString());
        Assert.Equal("p", core.GetProperty("involvedObject").GetProperty("name").GetString());
        Assert.Equal("orca/test", core.GetProperty("reportingComponent").GetString());
        var table = (await fx.Kubectl.RunAsync("get", "events", "-n", ns)).ShouldSucceed().Out.Split('\n');
        Assert.Matches(@"Normal\s+Checked\s+pod/p\s+written as events.k8s.io", table[1]);
    }

    [Fact]
    public async Task A_watch_with_bookmarks_and_initial_events_ends_the_initial_list_with_a_bookmark()
    {
        var ns = await fx.NamespaceAsync("bm");
        using var http = fx.Server.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync($"/api/v1/namespaces/{ns}/configmaps",
            Json("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"first"}}"""))).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"/api/v1/namespaces/{ns}/configmaps?fieldSelector=metadata.name%3Dfirst&watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&resourceVersion=&timeoutSeconds=5");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var added = JsonDocument.Parse((await reader.ReadLineAsync())!).RootElement;
        Assert.Equal("ADDED", added.GetProperty("type").GetString());
        var bookmark = JsonDocument.Parse((await reader.ReadLineAsync())!).RootElement;
        Assert.Equal("BOOKMARK", bookmark.GetProperty("type").GetString());
        Assert.Equal("true", bookmark.GetProperty("object").GetProperty("metadata").GetProperty("annotations").GetProperty("k8s.io/initial-events-end").GetString());
        // timeoutSeconds ends the stream cleanly.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (await reader.ReadLineAsync(cts.Token) is not null) { }
    }
}
