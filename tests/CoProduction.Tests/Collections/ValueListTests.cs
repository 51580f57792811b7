using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoProduction.Tests.Collections;

public sealed partial class ValueListTests
{
    public sealed record Holder(ValueList<SiteId> Sites, ValueList<string> Notes);

    [JsonSerializable(typeof(Holder))]
    [JsonSerializable(typeof(SiteId))]
    [JsonSerializable(typeof(string))]
    internal sealed partial class Context : JsonSerializerContext;

    [Fact]
    public void Lists_with_equal_items_in_order_are_equal_and_records_holding_them_too()
    {
        Assert.Equal(ValueList.Of("a", "b"), ValueList.Of("a", "b"));
        Assert.NotEqual(ValueList.Of("a", "b"), ValueList.Of("b", "a"));
        Assert.Equal(new Holder(ValueList.Of(new SiteId("kilifi")), []), new Holder(ValueList.Of(new SiteId("kilifi")), ValueList<string>.Empty));
        Assert.Equal(default(ValueList<string>), ValueList<string>.Empty);
    }

    [Fact]
    public void Adding_returns_a_new_list_and_leaves_the_original()
    {
        var one = ValueList.Of("a");
        var two = one.Add("b");
        Assert.Single(one);
        Assert.Equal(["a", "b"], two);
    }

    [Fact]
    public void A_collection_expression_builds_the_list_it_names()
    {
        ValueList<string> notes = ["a", "b"];
        Assert.Equal(2, notes.Count);
        Assert.Equal("b", notes[1]);
    }

    [Fact]
    public void A_record_with_lists_survives_a_source_generated_json_round_trip_equal()
    {
        var holder = new Holder(ValueList.Of(new SiteId("kilifi"), new SiteId("sedibeng")), ValueList.Of("x"));
        var json = JsonSerializer.Serialize(holder, Context.Default.Holder);
        Assert.Equal("""{"Sites":["kilifi","sedibeng"],"Notes":["x"]}""", json);
        Assert.Equal(holder, JsonSerializer.Deserialize(json, Context.Default.Holder));
    }
}
