package org.madoguchi.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.CurrentActor;
import org.madoguchi.platform.ProblemException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** /admin and its staff-account forms; each calls the same service as the API and ends in a redirect. */
@Controller
class StaffAdminPageController {

    private final AdminPage page;
    private final StaffAdministration administration;
    private final CurrentActor actor;

    StaffAdminPageController(AdminPage page, StaffAdministration administration, CurrentActor actor) {
        this.page = page;
        this.administration = administration;
        this.actor = actor;
    }

    @GetMapping("/admin")
    String admin(HttpServletRequest request, Model model) {
        return page.render(request, model);
    }

    @PostMapping("/admin/staff")
    String create(@RequestParam(defaultValue = "") String login, @RequestParam(defaultValue = "") String displayName,
                  @RequestParam(defaultValue = "") String password, @RequestParam(required = false) String role,
                  @RequestParam(required = false) List<String> departments,
                  // A checkbox sends nothing when unchecked, so absence means "no".
                  @RequestParam(defaultValue = "false") boolean mustChangePassword,
                  HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Set<String> chosen = departments == null ? Set.of() : new TreeSet<>(departments);
        Actor.Role parsedRole = AdminPage.roleOf(role);
        return PageForms.act(() -> {
            var created = administration.create(actor.get().staffId(), new StaffAdministration.NewStaff(
                    login.strip(), displayName.strip(), password, parsedRole, chosen, mustChangePassword));
            return "職員アカウント「" + created.login() + "」を作成しました。"
                    + (created.mustChangePassword() ? "最初のログインで本人がパスワードを変更します。" : "");
        }, "/admin", redirect, e -> {
            model.addAttribute("staffForm", new AdminPage.StaffForm(login, displayName, parsedRole, chosen,
                    mustChangePassword));
            return page.refuse(e, request, response, model);
        });
    }

    @PostMapping("/admin/staff/{staffId}/disable")
    String disable(@PathVariable long staffId, HttpServletRequest request, HttpServletResponse response, Model model,
                   RedirectAttributes redirect) {
        return PageForms.act(() -> "「" + administration.disable(actor.get().staffId(), staffId).login()
                        + "」を無効にしました。ログイン中のセッションも終了しました。", "/admin", redirect,
                e -> page.refuse(e, request, response, model));
    }

    @PostMapping("/admin/staff/{staffId}/enable")
    String enable(@PathVariable long staffId, HttpServletRequest request, HttpServletResponse response, Model model,
                  RedirectAttributes redirect) {
        return PageForms.act(() -> "「" + administration.enable(actor.get().staffId(), staffId).login()
                        + "」を有効にしました。", "/admin", redirect, e -> page.refuse(e, request, response, model));
    }

    /** The temporary password is shown on this answer only (see {@link ShownOnce}). */
    @PostMapping("/admin/staff/{staffId}/password-reset")
    String reset(@PathVariable long staffId, HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            var reset = administration.resetPassword(actor.get().staffId(), staffId);
            model.addAttribute("login", reset.login());
            return ShownOnce.render(response, model, "パスワードを再設定しました", "仮のパスワード",
                    reset.temporaryPassword(), "/admin", "管理の画面に戻る");
        } catch (ProblemException e) {
            return page.refuse(e, request, response, model);
        }
    }
}
