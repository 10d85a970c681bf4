using System.Collections.Frozen;
using System.Text;

namespace Blog.Content.Formulas;

/// <summary>
/// A formula as plain readable text, for places that show text and no math: excerpts, search
/// text and snippets, descriptions, JSON-LD, the table of contents. <c>\mathrm{softmax}(QK^\top/\sqrt{d_k})V</c>
/// reads <c>softmax(QKᵀ/√d_k)V</c>: symbols become their Unicode characters, fractions a slash,
/// superscripts superscript characters where Unicode has them, and markup disappears. Never TeX.
/// </summary>
internal static class TexText
{
    public static string Of(string tex)
    {
        var reader = new Reader(tex);
        var text = new StringBuilder();
        reader.ReadUntilEnd(text);
        return Collapse(text.ToString()).Normalize(NormalizationForm.FormC); // ŷ as one character

    }

    private static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (sb.Length > 0 && sb[^1] != ' ')
                    sb.Append(' ');
            }
            else
            {
                // No space just inside brackets: "( a + b )" reads "(a + b)".
                if (c is ')' or ']' or '}' or '⟩' && sb.Length > 0 && sb[^1] == ' ')
                    sb.Length--;
                if (sb.Length > 0 && sb[^1] == ' ' && sb.Length > 1 && sb[^2] is '(' or '[' or '⟨')
                    sb.Length--;
                sb.Append(c);
            }
        }
        return sb.ToString().Trim();
    }

    private sealed class Reader(string tex)
    {
        private int _at;

        public void ReadUntilEnd(StringBuilder text)
        {
            while (_at < tex.Length)
                ReadOne(text);
        }

        /// <summary>One token or group: the argument of a command, a superscript's body.</summary>
        private string Argument()
        {
            SkipSpaces();
            var text = new StringBuilder();
            if (_at < tex.Length)
                ReadOne(text);
            return Collapse(text.ToString());
        }

        private void SkipSpaces()
        {
            while (_at < tex.Length && char.IsWhiteSpace(tex[_at]))
                _at++;
        }

        /// <summary>An optional [argument], or null.</summary>
        private string? Optional()
        {
            SkipSpaces();
            if (_at >= tex.Length || tex[_at] != '[')
                return null;
            var end = tex.IndexOf(']', _at);
            if (end < 0)
                return null;
            var inner = tex[(_at + 1)..end];
            _at = end + 1;
            return Of(inner);
        }

        private void ReadOne(StringBuilder text)
        {
            var c = tex[_at++];
            switch (c)
            {
                case '{':
                    var depth = 1;
                    var start = _at;
                    while (_at < tex.Length && depth > 0)
                    {
                        if (tex[_at] == '\\') _at++;
                        else if (tex[_at] == '{') depth++;
                        else if (tex[_at] == '}') depth--;
                        _at++;
                    }
                    var inner = tex[start..Math.Max(start, _at - (depth == 0 ? 1 : 0))];
                    text.Append(Of(inner));
                    return;
                case '}':
                    return;
                case '^':
                    text.Append(Script(Argument(), Superscripts, '^'));
                    return;
                case '_':
                    text.Append(Script(Argument(), Subscripts, '_'));
                    return;
                case '~':
                    text.Append(' ');
                    return;
                case '&':
                    text.Append(' ');
                    return;
                case '\'':
                    text.Append('′');
                    return;
                case '\\':
                    Command(text);
                    return;
                case '-':
                    text.Append('−');
                    return;
                default:
                    text.Append(c);
                    return;
            }
        }

        private void Command(StringBuilder text)
        {
            if (_at >= tex.Length)
                return;
            var start = _at;
            if (char.IsAsciiLetter(tex[_at]))
            {
                while (_at < tex.Length && char.IsAsciiLetter(tex[_at]))
                    _at++;
            }
            else
            {
                _at++;
            }
            var name = tex[start.._at];
            switch (name)
            {
                case "\\":
                    text.Append("; ");
                    return;
                case "," or ":" or ";" or " " or "quad" or "qquad" or "enspace" or "thinspace":
                    text.Append(' ');
                    return;
                case "!" or "left" or "right" or "big" or "Big" or "bigg" or "Bigg" or "bigl" or "bigr" or "Bigl" or "Bigr"
                    or "biggl" or "biggr" or "Biggl" or "Biggr" or "middle" or "limits" or "nolimits" or "displaystyle"
                    or "textstyle" or "scriptstyle" or "scriptscriptstyle" or "nonumber" or "notag" or "notag" or "global":
                    SkipSpaces();
                    if (name is "left" or "right" or "middle" && _at < tex.Length && tex[_at] == '.')
                        _at++;
                    return;
                case "begin" or "end" or "label" or "color" or "hspace" or "vspace" or "phantom" or "hphantom" or "vphantom":
                    Argument();
                    Optional();
                    return;
                case "newcommand" or "renewcommand" or "providecommand":
                    Argument();
                    Optional();
                    Optional();
                    Argument();
                    return;
                case "def" or "gdef" or "edef" or "xdef":
                    // \def\name#1{body}: the definition shows nothing.
                    SkipSpaces();
                    if (_at < tex.Length && tex[_at] == '\\') { _at++; while (_at < tex.Length && char.IsAsciiLetter(tex[_at])) _at++; }
                    while (_at < tex.Length && tex[_at] != '{') _at++;
                    Argument();
                    return;
                case "frac" or "dfrac" or "tfrac" or "cfrac":
                    var numerator = Argument();
                    var denominator = Argument();
                    text.Append(Wrap(numerator)).Append('/').Append(Wrap(denominator));
                    return;
                case "sqrt":
                    var index = Optional();
                    var radicand = Argument();
                    text.Append(index switch { null => "√", "3" => "∛", "4" => "∜", _ => Script(index, Superscripts, '^') + "√" }).Append(Wrap(radicand));
                    return;
                case "binom" or "dbinom" or "tbinom":
                    text.Append("C(").Append(Argument()).Append(", ").Append(Argument()).Append(')');
                    return;
                case "tag":
                    text.Append(" (").Append(Argument()).Append(')');
                    return;
                case "mathbb":
                    var letters = Argument();
                    text.Append(string.Concat(letters.Select(l => DoubleStruck.TryGetValue(l, out var ds) ? ds : l.ToString())));
                    return;
                case "text" or "textrm" or "textbf" or "textit" or "textsf" or "texttt" or "mathrm" or "mathbf" or "mathit" or "mathsf"
                    or "mathtt" or "mathcal" or "mathscr" or "mathfrak" or "boldsymbol" or "bm" or "mbox" or "hbox" or "operatorname"
                    or "mathop" or "mathbin" or "mathrel" or "mathord" or "underline" or "overbrace" or "underbrace" or "boxed" or "emph":
                    text.Append(Argument());
                    return;
            }
            if (Accents.TryGetValue(name, out var accent))
            {
                var body = Argument();
                text.Append(body).Append(body.Length == 1 ? accent.ToString() : "");
                return;
            }
            if (Symbols.TryGetValue(name, out var symbol))
            {
                text.Append(symbol);
                return;
            }
            // \log, \sin, \max, a note's own macro...: its name, apart from a letter that follows.
            text.Append(name);
            if (name.Length > 1 && _at < tex.Length && char.IsAsciiLetter(tex[_at]))
                text.Append(' ');
        }

        private static string Wrap(string part) =>
            part.Length <= 1 || part.All(c => char.IsLetterOrDigit(c) || c is '_' or '√' or '.' or '′' || Superscripts.Values.Contains(c))
                ? part
                : "(" + part + ")";

        private static string Script(string body, FrozenDictionary<char, char> map, char mark)
        {
            if (body.Length == 0)
                return "";
            if (body.All(map.ContainsKey) && (mark == '^' || !body.Any(char.IsLetter)))
                return string.Concat(body.Select(c => map[c]));
            return mark + (body.Length == 1 || body.All(char.IsLetterOrDigit) ? body : "(" + body + ")");
        }
    }

    private static readonly FrozenDictionary<char, char> Superscripts = new Dictionary<char, char>
    {
        ['0'] = '⁰', ['1'] = '¹', ['2'] = '²', ['3'] = '³', ['4'] = '⁴', ['5'] = '⁵', ['6'] = '⁶', ['7'] = '⁷', ['8'] = '⁸', ['9'] = '⁹',
        ['+'] = '⁺', ['−'] = '⁻', ['='] = '⁼', ['('] = '⁽', [')'] = '⁾', ['n'] = 'ⁿ', ['i'] = 'ⁱ', ['T'] = 'ᵀ', ['⊤'] = 'ᵀ',
        ['a'] = 'ᵃ', ['b'] = 'ᵇ', ['c'] = 'ᶜ', ['d'] = 'ᵈ', ['e'] = 'ᵉ', ['f'] = 'ᶠ', ['g'] = 'ᵍ', ['h'] = 'ʰ', ['j'] = 'ʲ', ['k'] = 'ᵏ',
        ['l'] = 'ˡ', ['m'] = 'ᵐ', ['o'] = 'ᵒ', ['p'] = 'ᵖ', ['r'] = 'ʳ', ['s'] = 'ˢ', ['t'] = 'ᵗ', ['u'] = 'ᵘ', ['v'] = 'ᵛ', ['w'] = 'ʷ',
        ['x'] = 'ˣ', ['y'] = 'ʸ', ['z'] = 'ᶻ', ['′'] = '′', ['*'] = '*',
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<char, char> Subscripts = new Dictionary<char, char>
    {
        ['0'] = '₀', ['1'] = '₁', ['2'] = '₂', ['3'] = '₃', ['4'] = '₄', ['5'] = '₅', ['6'] = '₆', ['7'] = '₇', ['8'] = '₈', ['9'] = '₉',
        ['+'] = '₊', ['−'] = '₋', ['='] = '₌', ['('] = '₍', [')'] = '₎',
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<char, string> DoubleStruck = new Dictionary<char, string>
    {
        ['R'] = "ℝ", ['N'] = "ℕ", ['Z'] = "ℤ", ['Q'] = "ℚ", ['C'] = "ℂ", ['E'] = "𝔼", ['P'] = "ℙ", ['1'] = "𝟙",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, char> Accents = new Dictionary<string, char>
    {
        ["hat"] = '\u0302', ["widehat"] = '\u0302', ["bar"] = '\u0304', ["overline"] = '\u0305', ["tilde"] = '\u0303',
        ["widetilde"] = '\u0303', ["vec"] = '\u20D7', ["dot"] = '\u0307', ["ddot"] = '\u0308',
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, string> Symbols = new Dictionary<string, string>
    {
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["epsilon"] = "ϵ", ["varepsilon"] = "ε", ["zeta"] = "ζ",
        ["eta"] = "η", ["theta"] = "θ", ["vartheta"] = "ϑ", ["iota"] = "ι", ["kappa"] = "κ", ["lambda"] = "λ", ["mu"] = "μ", ["nu"] = "ν",
        ["xi"] = "ξ", ["pi"] = "π", ["rho"] = "ρ", ["sigma"] = "σ", ["tau"] = "τ", ["upsilon"] = "υ", ["phi"] = "ϕ", ["varphi"] = "φ",
        ["chi"] = "χ", ["psi"] = "ψ", ["omega"] = "ω", ["Gamma"] = "Γ", ["Delta"] = "Δ", ["Theta"] = "Θ", ["Lambda"] = "Λ", ["Xi"] = "Ξ",
        ["Pi"] = "Π", ["Sigma"] = "Σ", ["Upsilon"] = "Υ", ["Phi"] = "Φ", ["Psi"] = "Ψ", ["Omega"] = "Ω",
        ["times"] = " × ", ["cdot"] = "·", ["div"] = " ÷ ", ["pm"] = " ± ", ["mp"] = " ∓ ", ["leq"] = " ≤ ", ["le"] = " ≤ ", ["geq"] = " ≥ ",
        ["ge"] = " ≥ ", ["neq"] = " ≠ ", ["ne"] = " ≠ ", ["approx"] = " ≈ ", ["sim"] = " ∼ ", ["simeq"] = " ≃ ", ["equiv"] = " ≡ ",
        ["propto"] = " ∝ ", ["ll"] = " ≪ ", ["gg"] = " ≫ ", ["infty"] = "∞", ["partial"] = "∂", ["nabla"] = "∇", ["sum"] = "∑", ["prod"] = "∏",
        ["int"] = "∫", ["iint"] = "∬", ["oint"] = "∮", ["in"] = " ∈ ", ["notin"] = " ∉ ", ["subset"] = " ⊂ ", ["subseteq"] = " ⊆ ",
        ["supset"] = " ⊃ ", ["cup"] = " ∪ ", ["cap"] = " ∩ ", ["setminus"] = " ∖ ", ["forall"] = "∀", ["exists"] = "∃",
        ["to"] = " → ", ["rightarrow"] = " → ", ["leftarrow"] = " ← ", ["gets"] = " ← ", ["Rightarrow"] = " ⇒ ", ["Leftarrow"] = " ⇐ ",
        ["leftrightarrow"] = " ↔ ", ["Leftrightarrow"] = " ⇔ ", ["iff"] = " ⟺ ", ["implies"] = " ⟹ ", ["mapsto"] = " ↦ ",
        ["ldots"] = "…", ["dots"] = "…", ["cdots"] = "⋯", ["vdots"] = "⋮", ["ddots"] = "⋱", ["circ"] = "∘", ["otimes"] = " ⊗ ",
        ["oplus"] = " ⊕ ", ["odot"] = " ⊙ ", ["star"] = "⋆", ["ast"] = "∗", ["top"] = "⊤", ["intercal"] = "ᵀ", ["perp"] = "⊥", ["mid"] = " | ",
        ["vert"] = "|", ["lvert"] = "|", ["rvert"] = "|", ["Vert"] = "‖", ["lVert"] = "‖", ["rVert"] = "‖", ["|"] = "‖",
        ["langle"] = "⟨", ["rangle"] = "⟩", ["lfloor"] = "⌊", ["rfloor"] = "⌋", ["lceil"] = "⌈", ["rceil"] = "⌉", ["ell"] = "ℓ",
        ["hbar"] = "ℏ", ["emptyset"] = "∅", ["varnothing"] = "∅", ["neg"] = "¬", ["lnot"] = "¬", ["land"] = " ∧ ", ["lor"] = " ∨ ",
        ["wedge"] = " ∧ ", ["vee"] = " ∨ ", ["prime"] = "′", ["degree"] = "°", ["angle"] = "∠", ["triangle"] = "△", ["cdotp"] = "·",
        ["{"] = "{", ["}"] = "}", ["%"] = "%", ["_"] = "_", ["&"] = "&", ["#"] = "#", ["$"] = "$",
        ["lbrace"] = "{", ["rbrace"] = "}", ["lbrack"] = "[", ["rbrack"] = "]", ["colon"] = ":", ["coloneqq"] = " ≔ ", ["triangleq"] = " ≜ ",
    }.ToFrozenDictionary();
}
