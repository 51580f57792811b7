using System.Collections.Generic;
using System.Threading.Tasks;
using CoProduction.ReadModels;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CoProduction.Samples.Board.Pages;

public sealed class IndexModel(ISiteBoard board) : PageModel
{
    public IReadOnlyList<SiteBoardEntry> Sites { get; private set; } = [];

    public async Task OnGetAsync() => Sites = (await board.ListAsync()).Items;
}
