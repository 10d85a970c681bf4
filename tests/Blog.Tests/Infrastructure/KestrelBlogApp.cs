using System.Net;

namespace Blog.Tests.Infrastructure;

/// <summary>
/// The app on a real Kestrel server at a free loopback port, for tests that time requests: the
/// in-memory test server copies large bodies slowly enough to dwarf what the app itself takes.
/// </summary>
public sealed class KestrelBlogApp : BlogAppFactory
{
    private readonly List<HttpClient> _clients = [];

    public KestrelBlogApp()
    {
        UseKestrel(0);
        StartServer();
    }

    /// <summary>An HTTP client of the real server (the factory's own would follow redirects whatever its options say).</summary>
    public override HttpClient CreateFormClient()
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = ClientOptions.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        lock (_clients)
            _clients.Add(client);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_clients)
                _clients.ForEach(c => c.Dispose());
        }
        base.Dispose(disposing);
    }
}
