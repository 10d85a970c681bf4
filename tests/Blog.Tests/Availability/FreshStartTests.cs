using Blog.Data;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Availability;

/// <summary>
/// The first start on an empty database, which the site creates first thing as it starts:
/// nothing that reads the database at start runs before it exists.
/// </summary>
public sealed class FreshStartTests
{
    [Fact]
    public async Task FirstStart_OnAnEmptyDatabase_ServesWithOneSigningKey()
    {
        using var app = new BlogAppFactory();
        var client = app.CreateClient();

        Assert.Contains(WelcomePost.Title, await client.GetStringAsync("/"));
        Assert.Contains("Input.Password", await client.GetStringAsync("/admin/login")); // its form is signed with the key

        // The key ring is loaded at start: before the database was set up, that load failed and
        // made a second key of its own.
        Assert.Equal(1, await app.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
    }
}
