using System.Net;
using Blog.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Pages.Admin;

public class SignInTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private HttpClient Anonymous() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static Dictionary<string, string> Credentials(string user, string password) =>
        new() { ["Input.UserName"] = user, ["Input.Password"] = password };

    [Fact]
    public async Task SignedOut_EveryAdminPageAndHandlerRedirectsToSignIn()
    {
        var routes = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>()
            .Where(p => p.ViewEnginePath.StartsWith("/Admin/") && p.ViewEnginePath != "/Admin/Login")
            .Select(p => "/" + p.AttributeRouteInfo!.Template!.Replace("{id:int}", "1").Replace("{id}", "1").Replace("{revisionId:int}", "1"))
            .Distinct()
            .ToList();
        Assert.Contains("/admin", routes);
        Assert.Contains("/admin/account/password", routes);
        var client = Anonymous();

        foreach (var route in routes)
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
            {
                var response = await client.SendAsync(new HttpRequestMessage(method, route));
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{method} {route} answered {(int)response.StatusCode}");
                Assert.StartsWith("http://localhost/admin/login", response.Headers.Location!.ToString());
            }
        }
    }

    [Fact]
    public async Task SignIn_WithTheRightPassword_GivesAnHttpOnlySameSiteCookieAndTheDashboard()
    {
        await app.CreateUserAsync("writer");
        var client = Anonymous();

        var response = await client.SubmitFormAsync("/admin/login", "form", Credentials("writer", Forms.Password));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("blog.auth="));
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        var dashboard = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal("仪表盘", (await dashboard.ReadDocumentAsync()).QuerySelector("h1")?.TextContent);
        Assert.True(dashboard.Headers.CacheControl?.NoStore, "admin pages must never be cached");
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_SaysSoAndKeepsTheUserName()
    {
        await app.CreateUserAsync("typo");

        var response = await Anonymous().SubmitFormAsync("/admin/login", "form", Credentials("typo", "wrong password"));
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码不正确。", page.QuerySelector(".form-errors")?.TextContent);
        Assert.Equal("typo", page.QuerySelector("input[name='Input.UserName']")?.GetAttribute("value"));
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("blog.auth=")));
    }

    [Fact]
    public async Task RepeatedFailures_LockTheAccountWithoutSayingWhetherItExists()
    {
        await app.CreateUserAsync("target");
        var client = Anonymous();
        for (var i = 0; i < 6; i++)
        {
            await client.SubmitFormAsync("/admin/login", "form", Credentials("target", $"guess {i}"));
            await client.SubmitFormAsync("/admin/login", "form", Credentials("nobody-here", $"guess {i}"));
        }

        var rightPassword = await (await client.SubmitFormAsync("/admin/login", "form", Credentials("target", Forms.Password))).ReadDocumentAsync();
        var unknownUser = await (await client.SubmitFormAsync("/admin/login", "form", Credentials("nobody-here", Forms.Password))).ReadDocumentAsync();

        Assert.Contains("登录失败次数过多", rightPassword.QuerySelector(".form-errors")?.TextContent);
        Assert.Equal(rightPassword.QuerySelector(".form-errors")?.TextContent, unknownUser.QuerySelector(".form-errors")?.TextContent);
    }

    [Fact]
    public async Task SignIn_IssuesANewCookieEachTime()
    {
        var first = await app.SignedInClientAsync("twice");
        var second = await app.SignedInClientAsync("twice");

        var a = await first.GetAsync("/admin");
        var b = await second.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
    }

    /// <summary>The session cookie a response set, as a stolen copy of it would be replayed.</summary>
    private static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("blog.auth=")).Split(';')[0];

    private async Task<HttpStatusCode> ReplayAsync(string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("Cookie", cookie);
        // A client of its own, without a cookie jar: only the replayed cookie is sent.
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task SignIn_ReplacesTheSessionCookie_EvenOnABrowserThatAlreadyHadOne()
    {
        // Session fixation: a cookie planted before sign-in (or left from before) must not become the session.
        await app.CreateUserAsync("fixed");
        var client = Anonymous();
        var first = AuthCookie(await client.SubmitFormAsync("/admin/login", "form", Credentials("fixed", Forms.Password)));

        // Signed in, the page also holds the sign-out form: post the sign-in one.
        var second = AuthCookie(await client.SubmitFormAsync("/admin/login", "form:not(.admin-logout)", Credentials("fixed", Forms.Password)));

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, await ReplayAsync(second));
    }

    [Fact]
    public async Task SignOut_EndsTheSessionEvenForACopyOfItsCookie()
    {
        await app.CreateUserAsync("copied");
        var client = Anonymous();
        var cookie = AuthCookie(await client.SubmitFormAsync("/admin/login", "form", Credentials("copied", Forms.Password)));
        Assert.Equal(HttpStatusCode.OK, await ReplayAsync(cookie));

        await client.SubmitFormAsync("/admin", "form.admin-logout");

        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(cookie));
    }

    [Fact]
    public async Task ChangePassword_EndsTheOldSessionCookies_AndIssuesANewOneHere()
    {
        await app.CreateUserAsync("rotated");
        var here = Anonymous();
        var before = AuthCookie(await here.SubmitFormAsync("/admin/login", "form", Credentials("rotated", Forms.Password)));

        var response = await here.SubmitFormAsync("/admin/account/password", "form.admin-form", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = Forms.Password,
            ["Input.NewPassword"] = "another long passphrase",
            ["Input.ConfirmPassword"] = "another long passphrase",
        });

        var after = AuthCookie(response);
        Assert.NotEqual(before, after);
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(before));
        Assert.Equal(HttpStatusCode.OK, await ReplayAsync(after));
    }

    [Fact]
    public async Task ChangePassword_SignsOutTheOtherSessionsAndKeepsThisOne()
    {
        var here = await app.SignedInClientAsync("changer");
        var elsewhere = await app.SignedInClientAsync("changer");

        var response = await here.SubmitFormAsync("/admin/account/password", "form.admin-form", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = Forms.Password,
            ["Input.NewPassword"] = "a brand new passphrase",
            ["Input.ConfirmPassword"] = "a brand new passphrase",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/admin")).StatusCode);
        var old = await Anonymous().SubmitFormAsync("/admin/login", "form", Credentials("changer", Forms.Password));
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
    }

    [Fact]
    public async Task ChangePassword_WithAWrongCurrentPassword_IsRefused()
    {
        var client = await app.SignedInClientAsync("careful");

        var response = await client.SubmitFormAsync("/admin/account/password", "form.admin-form", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "not it",
            ["Input.NewPassword"] = "another passphrase",
            ["Input.ConfirmPassword"] = "another passphrase",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("当前密码不正确。", (await response.ReadDocumentAsync()).QuerySelector(".field-error")?.TextContent);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var client = await app.SignedInClientAsync("leaver");

        var response = await client.SubmitFormAsync("/admin", "form.admin-logout");

        Assert.Equal("/admin/login", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Post_WithoutTheAntiforgeryToken_IsRejected()
    {
        var client = await app.SignedInClientAsync("forger");

        var response = await client.PostAsync("/admin/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = Forms.Password,
            ["Input.NewPassword"] = "hijacked password",
            ["Input.ConfirmPassword"] = "hijacked password",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
