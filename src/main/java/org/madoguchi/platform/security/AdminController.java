package org.madoguchi.platform.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.madoguchi.platform.CurrentActor;
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
    private final StaffAdministration staff;
    private final DeviceAdministration devices;
    private final CurrentActor actor;

    AdminController(Accounts accounts, StaffAdministration staff, DeviceAdministration devices, CurrentActor actor) {
        this.accounts = accounts;
        this.staff = staff;
        this.devices = devices;
        this.actor = actor;
    }

    @PostMapping("/api/v1/admin/staff")
    @Operation(summary = "Create a staff account (ADMIN, MANAGER or STAFF limited to departments)")
    ResponseEntity<Accounts.StaffAccount> createStaff(@Valid @RequestBody StaffAdministration.NewStaff body) {
        var created = staff.create(actor.get().staffId(), body);
        return ResponseEntity.created(URI.create("/api/v1/admin/staff/" + created.id())).body(created);
    }

    @GetMapping("/api/v1/admin/staff")
    List<Accounts.StaffAccount> staff() {
        return accounts.listStaff();
    }

    @PostMapping("/api/v1/admin/devices")
    @Operation(summary = "Register a kiosk or display board; the token is shown only in this response")
    ResponseEntity<Accounts.DeviceRegistration> registerDevice(@Valid @RequestBody DeviceAdministration.NewDevice body) {
        var device = devices.register(actor.get().staffId(), body);
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
        devices.revoke(actor.get().staffId(), deviceId);
        return ResponseEntity.noContent().build();
    }
}
