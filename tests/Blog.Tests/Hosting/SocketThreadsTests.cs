using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Blog.Hosting;
using Blog.Tests.Infrastructure;

namespace Blog.Tests.Hosting;

/// <summary>
/// The site as it runs (its own process, on SQLite) answers cached pages on the sockets' own
/// threads. What takes long must leave them: here sign-ins, each hashing the password for tens of
/// milliseconds, sent one after another down one connection, as a script guessing passwords would.
/// Readers of cached pages on other connections must not wait for them.
/// </summary>
public sealed class SocketThreadsTests : IDisposable
{
    private const int SignIns = 80;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "blog-tests", "socket-threads-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task ReadersOfCachedPages_AreAnswered_WhileSignInsQueueOnAnotherConnection()
    {
        var connectionString = $"Data Source={Path.Combine(_data, "blog.db")}";
        var created = await BlogCommand.RunOnWithInputAsync(DatabaseProvider.Sqlite, connectionString, _data, Forms.Password,
            "admin", "create", "--user", "author", "--password-stdin");
        Assert.True(created.ExitCode == 0, created.Output + created.Errors);

        var port = Ports.Closed();
        using var site = Start(port, connectionString);
        var errors = site.StandardError.ReadToEndAsync();
        _ = site.StandardOutput.ReadToEndAsync();
        try
        {
            var address = new Uri($"http://127.0.0.1:{port}");
            var cookies = new CookieContainer();
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = address };
            await SiteProcess.WaitUntilAnsweringAsync(client, site);
            for (var i = 0; i < 2; i++)
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode); // the home page, cached

            var login = Html.Parse(await client.GetStringAsync("/admin/login"));
            var token = login.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var signIn = SignInRequest(address, cookies.GetCookieHeader(address), token);

            // Six readers, each a connection and a thread of its own (the test process's thread pool,
            // busy with the test run, would add its own delays to what is measured), then the sign-ins.
            using var stop = new CancellationTokenSource();
            var readers = Enumerable.Range(0, 6).Select(_ => new Reader(address, stop.Token)).ToArray();
            var signingIn = Stopwatch.StartNew();
            var answered = await SignInRepeatedlyAsync(port, signIn);
            signingIn.Stop();
            stop.Cancel();
            var slowest = readers.Max(reader => reader.Slowest());

            Assert.Equal(SignIns, answered);
            // Held up on a socket's thread, a reader waits about as long as the sign-ins take. Not held
            // up, its slowest answer still meets whatever else the machine does: a pause of a second
            // or so has been seen, in this process or the site's, with or without the sign-ins.
            Assert.True(signingIn.Elapsed > TimeSpan.FromSeconds(1.5), $"{SignIns} sign-ins took only {signingIn.Elapsed.TotalMilliseconds:0} ms: too little to tell");
            Assert.True(slowest < signingIn.Elapsed / 2,
                $"a reader waited {slowest.TotalMilliseconds:0} ms for the home page while {SignIns} sign-ins took {signingIn.Elapsed.TotalMilliseconds:0} ms");
        }
        finally
        {
            site.Kill(entireProcessTree: true);
            await site.WaitForExitAsync();
        }
        Assert.DoesNotContain("error", await errors);
    }

    private Process Start(int port, string connectionString) => SiteProcess.Start(_data, port, new Dictionary<string, string>
    {
        ["Blog__Database__Provider"] = "Sqlite",
        ["ConnectionStrings__Blog"] = connectionString,
        ["Blog__MediaPath"] = Path.Combine(_data, "media"),
        ["Serilog__WriteTo__1__Args__path"] = Path.Combine(_data, "logs", "blog-.log"),
    });

    private static byte[] SignInRequest(Uri address, string cookies, string token)
    {
        var form = $"Input.UserName=author&Input.Password={Uri.EscapeDataString(Forms.Password)}&__RequestVerificationToken={Uri.EscapeDataString(token)}";
        return Encoding.ASCII.GetBytes($"POST /admin/login HTTP/1.1\r\nHost: {address.Authority}\r\nCookie: {cookies}\r\n"
            + $"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {form.Length}\r\n\r\n{form}");
    }

    /// <summary>Sends every sign-in at once down one connection (HTTP/1.1 pipelining) and counts the answers, each a redirect.</summary>
    private static async Task<int> SignInRepeatedlyAsync(int port, byte[] signIn)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await socket.SendAsync(Enumerable.Repeat(signIn, SignIns).SelectMany(r => r).ToArray());
        var received = new StringBuilder();
        var buffer = new byte[16 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        int answers;
        while ((answers = CountOf(received.ToString(), "HTTP/1.1 302 ")) < SignIns)
        {
            var read = await socket.ReceiveAsync(buffer, timeout.Token);
            if (read == 0)
                break;
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        return answers;
    }

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, "").Length) / value.Length;

    /// <summary>
    /// A client on a connection and a thread of its own, asking for the cached home page again and
    /// again from the moment it is made (its connection open and its first answer in) until stopped.
    /// </summary>
    private sealed class Reader
    {
        private readonly Thread _thread;
        private TimeSpan _slowest;
        private Exception? _failed;

        public Reader(Uri address, CancellationToken stop)
        {
            var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = address };
            Read(client);
            _slowest = TimeSpan.Zero;
            _thread = new Thread(() =>
            {
                try
                {
                    while (!stop.IsCancellationRequested)
                        Read(client);
                }
                catch (Exception e)
                {
                    _failed = e;
                }
                client.Dispose();
            });
            _thread.Start();
        }

        private void Read(HttpClient client)
        {
            var clock = Stopwatch.StartNew();
            using var answer = client.Send(new HttpRequestMessage(HttpMethod.Get, "/"));
            answer.Content.ReadAsStream().CopyTo(Stream.Null);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            _slowest = clock.Elapsed > _slowest ? clock.Elapsed : _slowest;
        }

        /// <summary>The slowest answer, once stopped.</summary>
        public TimeSpan Slowest()
        {
            _thread.Join();
            return _failed is null ? _slowest : throw new InvalidOperationException("a reader failed", _failed);
        }
    }
}
