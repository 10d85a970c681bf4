using System.Text.Json;
using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Settings;

/// <summary>
/// Reads the settings once and keeps them until they change, so that no page pays a query for
/// them. Each setting is one row: a property name and its JSON value.
/// </summary>
public sealed class SiteSettingsStore(IServiceScopeFactory scopes)
{
    private volatile SiteSettings? _current;

    public SiteSettings Current => _current ??= Load();

    /// <summary>The settings if they were read already, without asking the database: for the page that says the database is down.</summary>
    public SiteSettings? Cached => _current;

    public async Task SaveAsync(SiteSettings settings, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var stored = await db.Settings.ToDictionaryAsync(s => s.Key, cancellationToken);
        foreach (var property in typeof(SiteSettings).GetProperties().Where(p => p.CanWrite))
        {
            var value = JsonSerializer.Serialize(property.GetValue(settings), property.PropertyType);
            if (stored.TryGetValue(property.Name, out var row))
                row.Value = value;
            else
                db.Settings.Add(new Setting { Key = property.Name, Value = value });
        }
        await db.SaveChangesAsync(cancellationToken);
        _current = settings;
    }

    public void Invalidate() => _current = null;

    private SiteSettings Load()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var stored = db.Settings.AsNoTracking().ToDictionary(s => s.Key, s => s.Value);
        var settings = new SiteSettings();
        foreach (var property in typeof(SiteSettings).GetProperties().Where(p => p.CanWrite))
        {
            if (!stored.TryGetValue(property.Name, out var json))
                continue;
            try
            {
                property.SetValue(settings, JsonSerializer.Deserialize(json, property.PropertyType));
            }
            catch (JsonException)
            {
                // A value that no longer parses keeps its default rather than taking the site down.
            }
        }
        return settings;
    }
}
