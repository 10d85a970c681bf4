namespace Blog.Hosting;

/// <summary>
/// Right after the page cache: a request it did not answer continues on the thread pool, and so
/// does it after any wait for the network (<see cref="ThreadPoolBodies"/>), wherever the sockets'
/// threads ran it until then (<see cref="SocketThreads"/>).
/// </summary>
internal sealed class ThreadPoolHop(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ThreadPoolBodies.Wrap(context);
        await ToThreadPoolAsync();
        await next(context);
    }

    /// <summary>Continues on the thread pool: at once if already there, else by queueing the rest there.</summary>
    public static async ValueTask ToThreadPoolAsync()
    {
        if (!Thread.CurrentThread.IsThreadPoolThread)
            await Task.Yield();
    }
}
