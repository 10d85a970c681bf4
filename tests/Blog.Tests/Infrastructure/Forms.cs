using System.Net;
using AngleSharp.Html.Dom;
using Blog.Accounts;
using Blog.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Infrastructure;

/// <summary>Submits forms the way a browser does: the page's real form, its hidden antiforgery token included.</summary>
public static class Forms
{
    public const string Password = "correct horse 42";

    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlFormElement form,
        IDictionary<string, string>? values = null, string? button = null)
    {
        var (fields, action) = FieldsOf(form, values, button);
        var target = Target(client, action);
        if (string.Equals(form.Method, "get", StringComparison.OrdinalIgnoreCase))
        {
            // A GET form replaces the action's query with its fields, as browsers do.
            var query = await new FormUrlEncodedContent(fields).ReadAsStringAsync();
            return await client.GetAsync(new UriBuilder(target) { Query = query }.Uri);
        }
        return await client.PostAsync(target, new FormUrlEncodedContent(fields));
    }

    /// <summary>Where a form posts: the page was parsed as if at http://localhost, and the client may talk to a real server elsewhere.</summary>
    private static Uri Target(HttpClient client, string action) =>
        new(client.BaseAddress ?? new Uri("http://localhost"), new Uri(new Uri("http://localhost"), action).PathAndQuery);

    /// <summary>GETs a page, fills the form matching the selector and submits it.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string url, string formSelector,
        IDictionary<string, string>? values = null, string? button = null)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        page.Location.Href = "http://localhost" + url;
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"no form '{formSelector}' on {url}");
        return await client.SubmitAsync(form, values, button);
    }

    public static async Task CreateUserAsync(this BlogAppFactory app, string userName, string password = Password)
    {
        await app.WithDbAsync(async db =>
        {
            if (await db.Users.AnyAsync(u => u.UserName == userName))
                return;
            var user = new User { UserName = userName, PasswordHash = "", CreatedAt = DateTime.UtcNow };
            user.PasswordHash = AccountService.Hash(user, password);
            db.Users.Add(user);
            await db.SaveChangesAsync();
        });
    }

    /// <summary>A client that has signed in through the real sign-in form. Redirects are not followed.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this BlogAppFactory app, string userName = "author", string password = Password)
    {
        await app.CreateUserAsync(userName, password);
        var client = app.CreateFormClient();
        var response = await client.SubmitFormAsync("/admin/login", "form",
            new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<AngleSharp.Dom.IDocument> ReadDocumentAsync(this HttpResponseMessage response) =>
        Html.Parse(await response.Content.ReadAsStringAsync());

    /// <summary>
    /// Submits a multipart form (enctype="multipart/form-data") with files, as a browser does: its
    /// fields, antiforgery token included, and each file under the name of one of its file inputs.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitMultipartAsync(this HttpClient client, IHtmlFormElement form,
        IEnumerable<FormFile> files, IDictionary<string, string>? values = null, string? button = null)
    {
        Assert.Equal("multipart/form-data", form.Enctype);
        var (fields, action) = FieldsOf(form, values, button);
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
            content.Add(new StringContent(value), name);
        foreach (var file in files)
        {
            Assert.True(form.QuerySelector($"input[type=file][name='{file.Name}']") is not null, $"the form has no file input named {file.Name}");
            var part = new ByteArrayContent(file.Content);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(file.ContentType);
            content.Add(part, file.Name, file.FileName);
        }
        return await client.PostAsync(Target(client, action), content);
    }

    /// <summary>GETs a page, and submits its multipart form matching the selector with the files.</summary>
    public static async Task<HttpResponseMessage> SubmitMultipartFormAsync(this HttpClient client, string url, string formSelector,
        IEnumerable<FormFile> files, IDictionary<string, string>? values = null, string? button = null)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        page.Location.Href = "http://localhost" + url;
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"no form '{formSelector}' on {url}");
        return await client.SubmitMultipartAsync(form, files, values, button);
    }

    /// <summary>The fields a browser sends for the form (files aside), and where it sends them.</summary>
    private static (List<KeyValuePair<string, string>> Fields, string Action) FieldsOf(IHtmlFormElement form,
        IDictionary<string, string>? values, string? button)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked && !string.IsNullOrEmpty(box.Name)) fields.Add(new(box.Name, box.Value));
                    break;
                case IHtmlInputElement { Type: "submit" or "button" or "file" }:
                    break;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    fields.Add(new(input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name, select.Value ?? ""));
                    break;
            }
        }
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : form.BaseUri;
        if (button is not null)
        {
            var submit = form.QuerySelectorAll("button[type=submit], button:not([type]), input[type=submit]")
                .Single(b => b.TextContent.Trim() == button || b.GetAttribute("value") == button);
            if (submit.GetAttribute("formaction") is { Length: > 0 } formAction)
                action = formAction;
            if (submit.GetAttribute("name") is { Length: > 0 } name)
                fields.Add(new(name, submit.GetAttribute("value") ?? ""));
        }
        return (fields, action);
    }
}

/// <summary>A file for <see cref="Forms.SubmitMultipartAsync"/>: the file input's name, the file's name and bytes.</summary>
public sealed record FormFile(string Name, string FileName, byte[] Content, string ContentType = "application/octet-stream");
