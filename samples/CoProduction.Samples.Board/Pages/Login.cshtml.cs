using System.Collections.Generic;
using System.Security.Claims;
using System.Threading.Tasks;
using CoProduction.Commands;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CoProduction.Samples.Board.Pages;

public sealed class LoginModel : PageModel
{
    [BindProperty] public string? UserName { get; set; }

    [BindProperty] public string? Password { get; set; }

    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        var user = Users.Find(UserName, Password);
        if (user is null)
        {
            Error = "Unknown user name or wrong password.";
            return Page();
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, user.DisplayName) };
        claims.Add(user.Member is not null
            ? new Claim(ClaimsCurrentActor.DefaultMemberClaimType, user.Member)
            : new Claim(ClaimsCurrentActor.DefaultActorClaimType, user.Actor!));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return RedirectToPage("/Login");
    }
}
