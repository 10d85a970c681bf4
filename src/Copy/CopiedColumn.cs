using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Blog.Copy;

/// <summary>One column as the source and the target store it, and how a value passes between them.</summary>
internal sealed class CopiedColumn
{
    private static readonly MethodInfo ReadAs = typeof(CopiedColumn).GetMethod(nameof(ReadProviderValue), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly RelationalTypeMapping _source;
    private readonly RelationalTypeMapping _target;
    private readonly bool _nullable;
    private readonly int? _maxLength;
    private readonly Func<DbDataReader, int, object> _readProviderValue;

    public CopiedColumn(IColumn source, IColumn target)
    {
        Name = target.Name;
        _source = source.PropertyMappings.First().TypeMapping;
        _target = target.PropertyMappings.First().TypeMapping;
        _nullable = target.IsNullable;
        _maxLength = target.PropertyMappings.First().Property.GetMaxLength();
        var providerType = _source.Converter?.ProviderClrType ?? _source.ClrType;
        _readProviderValue = ReadAs.MakeGenericMethod(Nullable.GetUnderlyingType(providerType) ?? providerType)
            .CreateDelegate<Func<DbDataReader, int, object>>();
    }

    public string Name { get; }

    /// <summary>The model's value of this column in the reader's row (null for NULL).</summary>
    public object? Read(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
            return null;
        var value = _readProviderValue(reader, ordinal);
        return _source.Converter is { } converter ? converter.ConvertFromProvider(value) : value;
    }

    /// <summary>The value as the target's parameter, converted by the target's own mapping (UTC times for timestamptz, say).</summary>
    public DbParameter Parameter(DbCommand command, string name, object? value) =>
        _target.CreateParameter(command, name, value, _nullable);

    /// <summary>
    /// SQLite keeps any text in any column; PostgreSQL refuses a value longer than its varchar(n)
    /// or holding a NUL character. Found here, the message names the row, and nothing is written.
    /// </summary>
    public void Check(string value, Func<string> rowKey, string table)
    {
        if (_maxLength is { } max && value.Length > max)
        {
            // varchar(n) counts characters, .NET counts UTF-16 units: an emoji is one character there, two here.
            var characters = value.EnumerateRunes().Count();
            if (characters > max)
                throw new CopyRefusedException(
                    $"{table} row {rowKey()}: {Name} holds {characters} characters and PostgreSQL's column allows {max}; shorten it on the SQLite site and run the copy again");
        }
        if (value.Contains('\0'))
            throw new CopyRefusedException(
                $"{table} row {rowKey()}: {Name} contains a NUL character, which PostgreSQL's text cannot hold; remove it on the SQLite site and run the copy again");
    }

    private static object ReadProviderValue<T>(DbDataReader reader, int ordinal) => reader.GetFieldValue<T>(ordinal)!;
}

/// <summary>A reason the copy cannot go on, said in one line; the target is left as it was.</summary>
internal sealed class CopyRefusedException(string message) : Exception(message);
