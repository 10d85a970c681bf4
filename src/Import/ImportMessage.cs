using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Blog.Import;

/// <summary>
/// A message of the import report, kept as its English template and its values rather than as
/// finished text: the command prints it in English (<see cref="ToString"/>: scripts read that
/// output), the admin in the interface's language (<see cref="In"/>), the values (file names,
/// slugs, line numbers) untouched either way. A value may itself be a message, translated with it.
/// </summary>
/// <param name="Template">The English text with <c>{0}</c>-style placeholders, the key of its translations.</param>
public sealed record ImportMessage(string Template, params object[] Values)
{
    /// <summary>Text that comes finished from elsewhere (a library's own message): shown as it is in every language.</summary>
    public static ImportMessage Verbatim(string text) => new("{0}", text);

    /// <summary>Messages as one value, "a, b, c": in translation with the language's own separator ("、").</summary>
    public static ImportMessage List(IEnumerable<ImportMessage> items) => new("{0}", [.. items]) { _isList = true };

    private bool _isList;

    /// <summary>
    /// The key of its translations when the English alone will not do: a lone word ("title") that
    /// resource names, compared regardless of case, already hold in another sense ("Title").
    /// </summary>
    public string? Key { get; init; }

    /// <summary>The reason an exception carries: the message of one of ours, a library's own text otherwise.</summary>
    internal static ImportMessage Of(Exception e) => e is BadNoteException bad ? bad.Reason : Verbatim(e.Message);

    /// <summary>The English text, exactly as the command prints it.</summary>
    public override string ToString() =>
        _isList ? string.Join(", ", Values) : string.Format(CultureInfo.CurrentCulture, Template, Values);

    /// <summary>The text in the current UI culture's language; a template without a translation stays English.</summary>
    public string In(IStringLocalizer text)
    {
        var values = Values.Select(v => v is ImportMessage inner ? inner.In(text) : v);
        return _isList ? string.Join(text[", "], values) : text[Key ?? Template, [.. values]];
    }
}
