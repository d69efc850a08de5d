using Rampart.Images.Registry;

namespace Rampart.Images.Tests.Registry;

public sealed class AuthChallengeTests
{
    public static TheoryData<string, string> Headers => new()
    {
        {
            "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/nginx:pull\"",
            "Bearer realm=https://auth.docker.io/token service=registry.docker.io scope=repository:library/nginx:pull"
        },
        { "Basic realm=\"Registry Realm\"", "Basic realm=Registry Realm" },
        { "bearer Realm=\"https://t/x\" , Service=svc", "bearer realm=https://t/x service=svc" },
        {
            "Bearer realm=\"https://t/token\",service=\"s\",scope=\"repository:a:pull,push\",error=\"insufficient_scope\"",
            "Bearer realm=https://t/token service=s scope=repository:a:pull,push error=insufficient_scope"
        },
        { "Basic realm=\"a\", Bearer realm=\"https://t\",service=\"s\"", "Basic realm=a | Bearer realm=https://t service=s" },
        { "Bearer realm=\"quote \\\" inside\"", "Bearer realm=quote \" inside" },
        { "Bearer realm=\"unterminated", "Bearer realm=unterminated" },
        { "Negotiate", "Negotiate" },
        { "", "" },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void Parse_ReadsSchemesAndParameters(string header, string expected)
    {
        var challenges = AuthChallenge.Parse([header]);

        var described = string.Join(" | ", challenges.Select(c =>
            string.Join(' ', c.Parameters.Select(p => $"{p.Key.ToLowerInvariant()}={p.Value}").Prepend(c.Scheme))));
        Assert.Equal(expected, described);
    }

    [Fact]
    public void Parse_TakesEveryHeaderValueAndExposesTheTokenParameters()
    {
        var challenges = AuthChallenge.Parse(["Basic realm=\"r\"", "Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:app:pull\""]);

        Assert.Equal(2, challenges.Count);
        Assert.True(challenges[0].IsBasic);
        var bearer = challenges[1];
        Assert.True(bearer.IsBearer);
        Assert.Equal("https://auth.example/token", bearer.Realm);
        Assert.Equal("registry.example", bearer.Service);
        Assert.Equal("repository:app:pull", bearer.Scope);
    }
}
