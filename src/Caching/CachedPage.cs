using System.IO.Compression;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Blog.Caching;

/// <summary>
/// One public answer as a static server keeps a file: its status, its headers worked out once,
/// and its bytes as they are and gzipped; soon after it is stored, off the request, gzipped again
/// at gzip's highest level and brotli'd at brotli's. Serving it copies references and writes one buffer.
/// </summary>
public sealed class CachedPage
{
    private const int BrotliQuality = 11, BrotliWindow = 22;

    private static readonly StringValues BrotliCoding = "br", GzipCoding = "gzip", AcceptEncoding = HeaderNames.AcceptEncoding;

    private readonly KeyValuePair<string, StringValues>[] _headers;
    private readonly EntityTagHeaderValue? _etag;
    private readonly DateTimeOffset? _lastModified;
    private volatile byte[] _gzip;
    private volatile byte[]? _brotli;

    public CachedPage(int status, KeyValuePair<string, StringValues>[] headers, byte[] body, DateTime storedAt, DateTime expiresAt)
    {
        Status = status;
        _headers = headers;
        Body = body;
        // Gzip's fastest level on the request that stores the page: after a save every page is
        // rendered again, and at the highest level the larger ones took the readers' time.
        _gzip = GzipOf(body, CompressionLevel.Fastest);
        Size = body.Length + 2L * _gzip.Length;
        StoredAt = storedAt;
        ExpiresAt = expiresAt;
        foreach (var (name, value) in headers)
        {
            if (name.Equals(HeaderNames.ETag, StringComparison.OrdinalIgnoreCase) && EntityTagHeaderValue.TryParse(value.ToString(), out var etag))
                _etag = etag;
            else if (name.Equals(HeaderNames.LastModified, StringComparison.OrdinalIgnoreCase)
                     && HeaderUtilities.TryParseDate(value.ToString(), out var at))
                _lastModified = at;
        }
    }

    public int Status { get; }
    public byte[] Body { get; }
    public byte[] Gzip => _gzip;
    public DateTime StoredAt { get; }
    public DateTime ExpiresAt { get; }

    /// <summary>Bytes held, for the cache's size limit (the first gzip's size bounds the smaller ones after it).</summary>
    public long Size { get; }

    /// <summary>
    /// Gzip at its highest level and brotli at its highest quality take tens of milliseconds a
    /// page: done once, by the cache's worker, for pages still cached when it comes to them.
    /// </summary>
    public void CompressFully()
    {
        if (_brotli is not null)
            return;
        var gzip = GzipOf(Body, CompressionLevel.SmallestSize);
        if (gzip.Length < _gzip.Length)
            _gzip = gzip;
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(Body.Length)];
        if (BrotliEncoder.TryCompress(Body, buffer, out var written, BrotliQuality, BrotliWindow) && written < _gzip.Length)
            _brotli = buffer[..written];
        else
            _brotli = _gzip; // not worth it: answer gzip
    }

    public Task WriteAsync(HttpContext context, DateTime now)
    {
        var request = context.Request;
        var response = context.Response;
        var headers = response.Headers;
        foreach (var (name, value) in _headers)
            headers[name] = value;
        headers.Vary = AcceptEncoding;
        headers.Age = AgeText(now - StoredAt);

        if (IsNotModified(request.Headers))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.StatusCode = Status;
        var body = Body;
        if (Body.Length > 0)
        {
            var brotli = _brotli;
            var (br, gzip) = Accepts(request.Headers.AcceptEncoding);
            var gzipped = _gzip;
            if (br && brotli is not null && !ReferenceEquals(brotli, gzipped))
            {
                body = brotli;
                headers.ContentEncoding = BrotliCoding;
            }
            else if (gzip)
            {
                body = gzipped;
                headers.ContentEncoding = GzipCoding;
            }
        }
        headers.ContentLength = body.Length;
        return HttpMethods.IsHead(request.Method) || body.Length == 0
            ? Task.CompletedTask
            : response.Body.WriteAsync(body, 0, body.Length, context.RequestAborted);
    }

    private bool IsNotModified(IHeaderDictionary request)
    {
        if (Status != StatusCodes.Status200OK)
            return false;
        var ifNoneMatch = request.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            if (_etag is null)
                return false;
            return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
                && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(_etag, useStrongComparison: false));
        }
        return _lastModified is { } lastModified
            && HeaderUtilities.TryParseDate(request.IfModifiedSince.ToString(), out var since)
            && lastModified <= since;
    }

    /// <summary>Whether the client takes brotli, and gzip: a token it lists without q=0.</summary>
    private static (bool Brotli, bool Gzip) Accepts(StringValues acceptEncoding)
    {
        bool brotli = false, gzip = false;
        foreach (var value in acceptEncoding)
        {
            foreach (var range in (value ?? "").AsSpan().Split(','))
            {
                var item = value.AsSpan()[range].Trim();
                var semicolon = item.IndexOf(';');
                var coding = (semicolon < 0 ? item : item[..semicolon]).TrimEnd();
                if (semicolon >= 0 && IsZeroQuality(item[(semicolon + 1)..]))
                    continue;
                brotli |= coding.Equals("br", StringComparison.OrdinalIgnoreCase);
                gzip |= coding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || coding.SequenceEqual("*");
            }
        }
        return (brotli, gzip);
    }

    private static bool IsZeroQuality(ReadOnlySpan<char> parameters)
    {
        var q = parameters.Trim();
        return q.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
            && double.TryParse(q[2..], System.Globalization.CultureInfo.InvariantCulture, out var quality) && quality == 0;
    }

    private static readonly string[] Ages = Enumerable.Range(0, 3600).Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static string AgeText(TimeSpan age)
    {
        var seconds = Math.Max(0, (long)age.TotalSeconds);
        return seconds < Ages.Length ? Ages[seconds] : seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] GzipOf(byte[] body, CompressionLevel level)
    {
        if (body.Length == 0)
            return body;
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, level))
            gzip.Write(body);
        return buffer.ToArray();
    }
}
