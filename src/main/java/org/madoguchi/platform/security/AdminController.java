package org.madoguchi.platform.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.CurrentActor;
import org.madoguchi.platform.DepartmentCatalog;
import org.madoguchi.platform.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Administration", description = "職員アカウントと端末（発券機・呼出モニター）の登録。管理者のみ")
class AdminController {

    private final Accounts accounts;
    private final DepartmentCatalog catalog;
    private final CurrentActor actor;

    AdminController(Accounts accounts, DepartmentCatalog catalog, CurrentActor actor) {
        this.accounts = accounts;
        this.catalog = catalog;
        this.actor = actor;
    }

    record NewStaff(@NotBlank @Pattern(regexp = "[a-z0-9._-]{3,64}", message = "英小文字・数字・._- の 3〜64 文字") String login,
                    @NotBlank @Size(max = 100) String displayName,
                    @NotBlank @Size(min = 12, max = 128, message = "12〜128 文字") String password,
                    @NotNull Actor.Role role,
                    @Size(max = 20) Set<@NotBlank String> departments, Boolean mustChangePassword) {
    }

    record NewDevice(@NotBlank @Size(max = 100) String name, @NotNull Actor.Role kind, @NotBlank String officeId) {
    }

    @PostMapping("/api/v1/admin/staff")
    @Operation(summary = "Create a staff account (ADMIN, MANAGER or STAFF limited to departments)")
    ResponseEntity<Accounts.StaffAccount> createStaff(@Valid @RequestBody NewStaff body) {
        if (body.role() != Actor.Role.ADMIN && body.role() != Actor.Role.MANAGER && body.role() != Actor.Role.STAFF) {
            throw ProblemException.invalid("invalid-role", "職員の役割は ADMIN・MANAGER・STAFF のいずれかです。");
        }
        Set<String> departments = body.departments() == null ? Set.of() : body.departments();
        for (String d : departments) {
            if (!catalog.departmentExists(d)) {
                throw ProblemException.invalid("unknown-department", "課「" + d + "」は登録されていません。");
            }
        }
        if (body.role() == Actor.Role.STAFF && departments.isEmpty()) {
            throw ProblemException.invalid("no-department", "窓口職員には担当する課を 1 つ以上指定してください。");
        }
        try {
            // Someone else chose this password, so by default its owner replaces it at the first sign-in.
            boolean mustChange = body.mustChangePassword() == null || body.mustChangePassword();
            var created = accounts.createStaff(body.login(), body.displayName(), body.password(), body.role(),
                    departments, mustChange);
            accounts.audit(actor.get().staffId(), "STAFF_CREATED", "staff " + created.id() + " (" + created.login()
                    + ", " + created.role() + ", " + String.join("/", new java.util.TreeSet<>(departments)) + ")");
            return ResponseEntity.created(URI.create("/api/v1/admin/staff/" + created.id())).body(created);
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("login-taken", "職員ID「" + body.login() + "」はすでに使われています。");
        }
    }

    @GetMapping("/api/v1/admin/staff")
    List<Accounts.StaffAccount> staff() {
        return accounts.listStaff();
    }

    @PostMapping("/api/v1/admin/devices")
    @Operation(summary = "Register a kiosk or display board; the token is shown only in this response")
    ResponseEntity<Accounts.DeviceRegistration> registerDevice(@Valid @RequestBody NewDevice body) {
        if (body.kind() != Actor.Role.KIOSK && body.kind() != Actor.Role.DISPLAY) {
            throw ProblemException.invalid("invalid-device-kind", "端末の種類は KIOSK か DISPLAY です。");
        }
        if (!catalog.officeExists(body.officeId())) {
            throw ProblemException.invalid("unknown-office", "庁舎「" + body.officeId() + "」は登録されていません。");
        }
        var device = accounts.registerDevice(body.name(), body.kind(), body.officeId());
        accounts.audit(actor.get().staffId(), "DEVICE_REGISTERED", "device " + device.id() + " (" + device.kind()
                + " at " + device.officeId() + ")");
        return ResponseEntity.created(URI.create("/api/v1/admin/devices/" + device.id())).body(device);
    }

    @GetMapping("/api/v1/admin/devices")
    @Operation(summary = "Registered kiosks and display boards (never their tokens)")
    List<Accounts.Device> devices() {
        return accounts.listDevices();
    }

    @PostMapping("/api/v1/admin/devices/{deviceId}/revoke")
    @Operation(summary = "Revoke a device: its token and every browser paired with it stop working at once")
    ResponseEntity<Void> revokeDevice(@PathVariable long deviceId) {
        if (!accounts.revokeDevice(deviceId)) {
            throw ProblemException.notFound("unknown-device", "その端末は見つからないか、すでに無効です。");
        }
        accounts.audit(actor.get().staffId(), "DEVICE_REVOKED", "device " + deviceId);
        return ResponseEntity.noContent().build();
    }
}
