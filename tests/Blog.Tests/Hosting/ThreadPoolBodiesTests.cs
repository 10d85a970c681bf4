using System.IO.Pipelines;
using Blog.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Blog.Tests.Hosting;

/// <summary>
/// A request read, or a response written, that has to wait for the client goes on on the thread
/// pool, not on the thread that handled the socket's event: there the rest of the request (a save,
/// an import) would hold up every reader that thread serves. The "socket's thread" here is a thread
/// of the test's own, which hands the bytes over and runs what waited on them, as the sockets'
/// threads do when the site runs.
/// </summary>
public sealed class ThreadPoolBodiesTests
{
    /// <summary>Pipes that run what waits on them on whichever thread ends the wait, as Kestrel's do on the sockets' threads.</summary>
    private static readonly PipeOptions Inline = new(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline,
        pauseWriterThreshold: 1024, resumeWriterThreshold: 512, useSynchronizationContext: false);

    /// <summary>Runs <paramref name="work"/> on a thread of its own, not the pool's, after a moment (the wait has begun by then).</summary>
    private static Thread SocketThread(Action work)
    {
        var thread = new Thread(() => { Thread.Sleep(100); work(); }) { IsBackground = true };
        thread.Start();
        return thread;
    }

    /// <summary>Where <paramref name="request"/> goes on after its wait (run without xunit's synchronization context, as a request is).</summary>
    private static Task<Thread> ThreadAfter(Func<Task> request) => Task.Run(async () =>
    {
        await request();
        return Thread.CurrentThread;
    });

    [Fact]
    public async Task ARequestBodyThatArrivesLate_IsReadOnTheThreadPool()
    {
        var network = new Pipe(Inline);
        var context = new DefaultHttpContext();
        context.Request.Body = network.Reader.AsStream();
        ThreadPoolBodies.Wrap(context);

        var socket = SocketThread(() => network.Writer.WriteAsync("title=梯度下降"u8.ToArray()).AsTask().Wait());
        var read = 0;
        var after = await ThreadAfter(async () => read = await context.Request.Body.ReadAsync(new byte[64]));

        Assert.True(read > 0);
        Assert.NotSame(socket, after);
        Assert.True(after.IsThreadPoolThread, "the request went on on the socket's thread");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AResponseTheClientTakesSlowly_GoesOnOnTheThreadPool(bool throughTheStream)
    {
        var network = new Pipe(Inline);
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseBodyFeature>(new NetworkBody(network.Writer));
        ThreadPoolBodies.Wrap(context);
        var page = new byte[8 * 1024]; // more than the pipe holds: the write waits for the client

        var socket = SocketThread(() =>
        {
            var taken = 0L;
            while (taken < page.Length)
            {
                var result = network.Reader.ReadAsync().AsTask().Result;
                taken += result.Buffer.Length;
                network.Reader.AdvanceTo(result.Buffer.End);
            }
        });
        var after = await ThreadAfter(async () =>
        {
            if (throughTheStream)
                await context.Response.Body.WriteAsync(page);
            else
                await context.Response.BodyWriter.WriteAsync(page);
        });

        Assert.NotSame(socket, after);
        Assert.True(after.IsThreadPoolThread, "the request went on on the socket's thread");
    }

    /// <summary>A response body written straight into the network's pipe, as Kestrel's is.</summary>
    private sealed class NetworkBody(PipeWriter network) : IHttpResponseBodyFeature
    {
        public Stream Stream { get; } = network.AsStream();
        public PipeWriter Writer => network;
        public void DisableBuffering() { }
        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task CompleteAsync() => network.CompleteAsync().AsTask();
    }
}
