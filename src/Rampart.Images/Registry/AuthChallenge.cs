using System.Text;

namespace Rampart.Images.Registry;

/// <summary>
/// One challenge of a <c>WWW-Authenticate</c> header (RFC 9110 §11.6.1): a scheme and its parameters, such as
/// <c>Bearer realm="https://auth.example/token",service="registry.example",scope="repository:app:pull"</c>.
/// </summary>
internal sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public const string BearerScheme = "Bearer";
    public const string BasicScheme = "Basic";

    public string? Realm => Parameter("realm");

    public string? Service => Parameter("service");

    public string? Scope => Parameter("scope");

    public bool IsBearer => Scheme.Equals(BearerScheme, StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals(BasicScheme, StringComparison.OrdinalIgnoreCase);

    public string? Parameter(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>Every challenge in the header values, in order; malformed parts are skipped, not guessed at.</summary>
    public static IReadOnlyList<AuthChallenge> Parse(IEnumerable<string> headerValues)
    {
        ArgumentNullException.ThrowIfNull(headerValues);
        var challenges = new List<AuthChallenge>();
        foreach (var value in headerValues)
        {
            new Parser(value).ReadChallenges(challenges);
        }

        return challenges;
    }

    private ref struct Parser(string text)
    {
        private readonly string _text = text;
        private int _position;

        public void ReadChallenges(List<AuthChallenge> into)
        {
            while (true)
            {
                SkipSpacesAndCommas();
                var scheme = ReadToken();
                if (scheme.Length == 0)
                {
                    return;
                }

                var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                ReadParameters(parameters);
                into.Add(new AuthChallenge(scheme, parameters));
            }
        }

        private void ReadParameters(Dictionary<string, string> parameters)
        {
            while (true)
            {
                SkipSpacesAndCommas();
                var start = _position;
                var name = ReadToken();
                SkipSpaces();
                if (name.Length == 0 || !Next('='))
                {
                    // Not a parameter: the next challenge's scheme (or the end).
                    _position = start;
                    return;
                }

                _position++;
                SkipSpaces();
                parameters[name] = Next('"') ? ReadQuoted() : ReadToken();
            }
        }

        private string ReadQuoted()
        {
            var value = new StringBuilder();
            _position++;
            while (_position < _text.Length && _text[_position] != '"')
            {
                if (_text[_position] == '\\' && _position + 1 < _text.Length)
                {
                    _position++;
                }

                value.Append(_text[_position++]);
            }

            _position = Math.Min(_position + 1, _text.Length);
            return value.ToString();
        }

        private string ReadToken()
        {
            var start = _position;
            while (_position < _text.Length && IsTokenChar(_text[_position]))
            {
                _position++;
            }

            return _text[start.._position];
        }

        private readonly bool Next(char c) => _position < _text.Length && _text[_position] == c;

        private void SkipSpaces()
        {
            while (_position < _text.Length && _text[_position] is ' ' or '\t')
            {
                _position++;
            }
        }

        private void SkipSpacesAndCommas()
        {
            while (_position < _text.Length && _text[_position] is ' ' or '\t' or ',')
            {
                _position++;
            }
        }

        private static bool IsTokenChar(char c) =>
            char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~' or '/' or ':';
    }
}
