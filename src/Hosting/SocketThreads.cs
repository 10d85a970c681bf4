using System.Reflection;

namespace Blog.Hosting;

/// <summary>
/// Cached pages are answered on the sockets' own threads, as nginx answers from its event loop.
/// By default every request is handed from the thread that watches the sockets to the thread pool,
/// and its answer back: on a small machine that cost about as much as answering a cached page.
/// The runtime's inline socket completions and Kestrel's inline scheduling together keep a request
/// on the socket's thread; whatever the page cache does not answer leaves it at once
/// (<see cref="ThreadPoolHop"/>), since one slow request there would hold up every connection the
/// thread serves. <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0</c> in the environment turns this off.
/// </summary>
internal static class SocketThreads
{
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Only in the site's own process, not in a host that loads it (the tests' servers share their
    /// process with the tests' clients), and only on SQLite: PostgreSQL's driver talks over sockets
    /// too, and its completions would bring the rendering of pages onto the sockets' threads.
    /// </summary>
    public static void AnswerCachedPagesOnSocketThreads(this WebApplicationBuilder builder)
    {
        if (Assembly.GetEntryAssembly() != typeof(SocketThreads).Assembly
            || DatabaseSetup.ProviderOf(builder.Configuration["Blog:Database:Provider"]) != DatabaseProvider.Sqlite
            || Environment.GetEnvironmentVariable(InlineCompletions) is { } chosen && chosen != "1")
            return;
        // The runtime reads it once, when the process makes its first socket: none is made before the site starts.
        Environment.SetEnvironmentVariable(InlineCompletions, "1");
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
    }
}
