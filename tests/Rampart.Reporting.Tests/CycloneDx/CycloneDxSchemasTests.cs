using Rampart.Reporting.CycloneDx;
using Xunit.Sdk;

namespace Rampart.Reporting.Tests.CycloneDx;

/// <summary>The schema checks every other test relies on must reject what the official schemas reject.</summary>
public sealed class CycloneDxSchemasTests
{
    private const string ValidJson = """
        {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
         "components": [{"type": "library", "name": "a", "licenses": [{"license": {"id": "MIT"}}]}]}
        """;

    [Theory]
    [InlineData(CycloneDxSpecVersion.V16)]
    [InlineData(CycloneDxSpecVersion.V17)]
    public void Accepts_a_minimal_bom(CycloneDxSpecVersion version) =>
        CycloneDxSchemas.AssertValidJson(ValidJson.Replace("1.6", version == CycloneDxSpecVersion.V17 ? "1.7" : "1.6", StringComparison.Ordinal), version);

    [Fact]
    public void Rejects_a_license_id_that_is_not_in_the_referenced_spdx_schema()
    {
        var error = Assert.Throws<FailException>(
            () => CycloneDxSchemas.AssertValidJson(ValidJson.Replace("\"MIT\"", "\"Not-A-License\"", StringComparison.Ordinal), CycloneDxSpecVersion.V16));

        Assert.Contains("/components/0/licenses/0/license/id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_unknown_component_type_in_json() =>
        Assert.Throws<FailException>(
            () => CycloneDxSchemas.AssertValidJson(ValidJson.Replace("library", "gadget", StringComparison.Ordinal), CycloneDxSpecVersion.V16));

    [Fact]
    public void Rejects_an_unknown_component_type_in_xml()
    {
        const string xml = """
            <bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">
              <components><component type="gadget"><name>a</name></component></components>
            </bom>
            """;

        Assert.Throws<TrueException>(() => CycloneDxSchemas.AssertValidXml(xml, CycloneDxSpecVersion.V16));
        CycloneDxSchemas.AssertValidXml(xml.Replace("gadget", "library", StringComparison.Ordinal), CycloneDxSpecVersion.V16);
    }
}
