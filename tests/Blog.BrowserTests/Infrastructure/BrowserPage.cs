using System.Collections.Concurrent;
using System.Text.Json;

namespace Blog.BrowserTests.Infrastructure;

/// <summary>
/// One page in a fresh browser context, with what a developer would see in the DevTools console
/// and network panel recorded: console errors, uncaught exceptions, requests, failed responses.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _consoleErrors = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _failures = new();

    private BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                _consoleErrors.Enqueue($"{message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => _consoleErrors.Enqueue($"uncaught: {error}");
        page.Request += (_, request) => _requests.Enqueue(request.Url);
        page.RequestFailed += (_, request) => _failures.Enqueue($"{request.Method} {request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
                _failures.Enqueue($"{response.Request.Method} {response.Url}: {response.Status}");
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> ConsoleErrors => [.. _consoleErrors];

    /// <summary>Every URL the page asked for, the document itself included.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Requests that failed at the network level or were answered 4xx/5xx.</summary>
    public IReadOnlyList<string> FailedRequests => [.. _failures];

    public static async Task<BrowserPage> OpenAsync(IBrowser browser, BrowserNewContextOptions options)
    {
        var context = await browser.NewContextAsync(options);
        context.SetDefaultTimeout(30_000); // generous: CI shares two cores with the other test project
        var page = await context.NewPageAsync();
        return new BrowserPage(context, page);
    }

    public Task<T> EvalAsync<T>(string expression, object? arg = null) => Page.EvaluateAsync<T>(expression, arg);

    /// <summary>Evaluates to an object and reads it into a record (Playwright's own mapping wants setters).</summary>
    public async Task<T?> EvalJsonAsync<T>(string expression, object? arg = null)
    {
        var json = await Page.EvaluateAsync<JsonElement?>(expression, arg);
        return json is { ValueKind: not JsonValueKind.Null } value ? value.Deserialize<T>(JsonOptions) : default;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Waits until <paramref name="predicate"/> holds in the page, at most <paramref name="timeoutMs"/>.
    /// Returns false instead of throwing, so that the test's own assertion explains what is wrong.
    /// </summary>
    public async Task<bool> WaitUntilAsync(string predicate, object? arg = null, int timeoutMs = 5_000)
    {
        try
        {
            await Page.WaitForFunctionAsync(predicate, arg, new() { Timeout = timeoutMs, PollingInterval = 50 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async Task<ElementColors> ColorsOfAsync(string selector) =>
        await EvalJsonAsync<ElementColors>(Js.Colors, selector)
        ?? throw new Xunit.Sdk.XunitException($"No element matches `{selector}` on {Page.Url}.");

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
