using Microsoft.AspNetCore.Http.Features;

namespace Blog.Hosting;

/// <summary>
/// A request's and a response's bodies whose waits end on the thread pool. On the sockets'
/// threads (<see cref="SocketThreads"/>) a read that waited for the client's next bytes, or a
/// write that waited for the client to take the last ones, resumes where the socket's event was
/// handled: the rest of the request (rendering, the database, an import) would run there.
/// </summary>
internal static class ThreadPoolBodies
{
    public static void Wrap(HttpContext context)
    {
        context.Request.Body = new RequestBody(context.Request.Body);
        // The response's pipe writer writes through the stream too: one path to keep right.
        var response = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(new ResponseStream(response.Stream), response));
    }

    private static ValueTask<T> OnThreadPool<T>(ValueTask<T> wait) => wait.IsCompleted ? wait : Resume(wait);

    private static async ValueTask<T> Resume<T>(ValueTask<T> wait)
    {
        var result = await wait;
        await ThreadPoolHop.ToThreadPoolAsync();
        return result;
    }

    private static ValueTask OnThreadPool(ValueTask wait) => wait.IsCompleted ? wait : Resume(wait);

    private static async ValueTask Resume(ValueTask wait)
    {
        await wait;
        await ThreadPoolHop.ToThreadPoolAsync();
    }

    private sealed class RequestBody(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            OnThreadPool(inner.ReadAsync(buffer, cancellationToken));
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    private sealed class ResponseStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => inner.CanWrite;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => OnThreadPool(new ValueTask(inner.FlushAsync(cancellationToken))).AsTask();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            OnThreadPool(inner.WriteAsync(buffer, cancellationToken));
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
