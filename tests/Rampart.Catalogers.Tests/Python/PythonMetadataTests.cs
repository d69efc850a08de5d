using Rampart.Catalogers.Python;

namespace Rampart.Catalogers.Tests.Python;

public sealed class PythonMetadataTests
{
    private readonly List<string> _warnings = [];

    [Fact]
    public void License_expression_wins_over_license_and_classifiers()
    {
        var metadata = PythonMetadata.Parse("Name: a\nVersion: 1\nLicense-Expression: MIT OR Apache-2.0\nLicense: MIT\nClassifier: License :: OSI Approved :: MIT License\n", _warnings.Add);

        Assert.Equal(["MIT OR Apache-2.0"], metadata?.Licenses);
    }

    [Fact]
    public void A_license_field_holding_a_whole_text_gives_way_to_the_classifiers()
    {
        var text = "Name: a\nVersion: 1\nLicense: Copyright (c) 2020\n        Permission is hereby granted\nClassifier: License :: OSI Approved :: MIT License\nClassifier: License :: OSI Approved\n";

        Assert.Equal(["MIT License"], PythonMetadata.Parse(text, _warnings.Add)?.Licenses);
    }

    [Fact]
    public void Requirements_of_extras_are_left_out_and_versions_dropped()
    {
        var text = "Name: a\nVersion: 1\nRequires-Dist: cffi (>=1.12)\nRequires-Dist: idna>=2 ; python_version < '3.8'\nRequires-Dist: sphinx ; extra == 'docs'\n";

        Assert.Equal(["cffi", "idna"], PythonMetadata.Parse(text, _warnings.Add)?.Requires);
    }

    [Fact]
    public void The_body_after_the_headers_is_not_read()
    {
        var metadata = PythonMetadata.Parse("Name: a\nVersion: 1\n\nName: not-a-header\n", _warnings.Add);

        Assert.Equal("a", metadata?.Name);
    }

    [Fact]
    public void Metadata_without_a_version_is_skipped_with_a_warning()
    {
        Assert.Null(PythonMetadata.Parse("Name: a\nnonsense\n", _warnings.Add));
        Assert.Single(_warnings);
    }

    [Theory]
    [InlineData("PyYAML", "pyyaml")]
    [InlineData("lazr.restfulclient", "lazr-restfulclient")]
    [InlineData("typing__Extensions", "typing-extensions")]
    public void Names_normalize_as_pep_503_says(string name, string normalized)
    {
        Assert.Equal(normalized, PythonMetadata.Normalize(name));
    }
}
