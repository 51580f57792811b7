using System;
using System.Linq;
using CoProduction.Sites;
using CoProduction.Tests.Sites;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CoProduction.Tests.Kernel;

/// <summary>The limits of ids and names as general rules (docs/limits.md).</summary>
public sealed class InputLimitProperties
{
    private static readonly Gen<char> Visible = Gen.OneOf(
        Gen.Choose('a', 'z').Select(c => (char)c),
        Gen.Choose('0', '9').Select(c => (char)c),
        Gen.Elements('-', '_', '.', ' ', 'é', 'ß', '中', 'Ω'));

    /// <summary>A character an id or a name refuses, with the rule it breaks.</summary>
    private static readonly Gen<(char Char, InputRule Rule)> Forbidden = Gen.OneOf(
        Gen.Choose(0, 0x1F).Select(c => ((char)c, InputRule.ControlCharacter)),
        Gen.Choose(0x7F, 0x9F).Select(c => ((char)c, InputRule.ControlCharacter)),
        Gen.Elements('\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C').Select(c => (c, InputRule.BidiOverride)),
        Gen.Elements('\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u2062').Select(c => (c, InputRule.ZeroWidth)),
        Gen.Choose(0xD800, 0xDFFF).Select(c => ((char)c, InputRule.NotWellFormed)));

    private static readonly Gen<string> ValidIds =
        from first in Gen.Choose('a', 'z').Select(c => (char)c)
        from middle in Visible.ArrayOf()
        from last in Gen.Choose('0', '9').Select(c => (char)c)
        select new string([first, .. middle.Take(InputLimits.IdLength - 2), last]);

    [Property(MaxTest = 500)]
    public Property An_id_with_a_forbidden_character_anywhere_is_refused_with_the_rule_it_breaks()
    {
        var gen = from id in ValidIds
                  from bad in Forbidden
                  from at in Gen.Choose(1, Math.Max(1, id.Length - 1))
                  let spliced = id[..at] + bad.Char + id[at..]
                  select (Id: spliced.Length > InputLimits.IdLength ? spliced[..InputLimits.IdLength] : spliced, bad.Rule);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var ex = Assert.Throws<InputLimitException>(() => new SiteId(t.Id));
            return ex.Rule == t.Rule && ex.Echo is { } echo && !echo.Any(c => char.IsControl(c) || char.IsSurrogate(c) || c is '\u202E' or '\u200B');
        });
    }

    [Property(MaxTest = 500)]
    public Property Any_id_of_visible_characters_within_the_limit_is_accepted_unchanged()
        => Prop.ForAll(ValidIds.ToArbitrary(), id => new MemberId(id).Value == id && Actor.Named(id).Name == id);

    [Property(MaxTest = 200)]
    public Property A_refused_name_changes_nothing()
    {
        var gen = from name in ValidIds
                  from bad in Forbidden
                  select name + bad.Char + "x";
        return Prop.ForAll(gen.ToArbitrary(), name =>
        {
            var site = PaperSites.Kilifi();
            var (state, version) = (site.State, site.Version);
            Assert.Throws<InputLimitException>(() => site.AddPartnerInstitution(name, PaperSites.Stamp));
            Assert.Throws<InputLimitException>(() => site.AddMember(new MemberId("new-member"), name, PaperSites.Stamp));
            return ReferenceEquals(state, site.State) && version == site.Version;
        });
    }

    [Property(MaxTest = 200)]
    public Property Any_id_longer_than_its_limit_is_refused_as_too_long_naming_the_limit()
        => Prop.ForAll(Gen.Choose(InputLimits.IdLength + 1, 4 * InputLimits.IdLength).ToArbitrary(), length =>
        {
            var ex = Assert.Throws<InputLimitException>(() => new CycleId(new string('c', length)));
            return ex.Rule == InputRule.TooLong && ex.Limit == InputLimits.IdLength && ex.Echo!.Length < 100;
        });
}
